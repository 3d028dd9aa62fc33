// Every admin page (templates/admin/base_site.html, deferred): Django's autocomplete
// pickers (Select2) made easier to use.
// - A result that carries a thumbnail (the photo library's, PhotoAdmin.autocomplete_extra)
//   is shown with it, and a photo picker (photos/widgets/photo_picker.html) previews the
//   chosen photo under the field.
// - Each picker is named by its field's label for screen readers (Select2 names it by the
//   chosen value only, so an empty picker had no name).
// Deferred scripts run before the page's "ready" event, when Django's
// admin/js/autocomplete.js sets the pickers up, so its set-up is replaced here in time.
(function ($) {
  "use strict";
  if (!$ || !$.fn.djangoAdminSelect2) {
    return;
  }
  function thumbOf(data) {
    if (data.thumb) {
      return data.thumb;
    }
    if (data.element && data.element.getAttribute) {
      return data.element.getAttribute("data-thumb") || "";
    }
    return "";
  }

  function withThumb(data) {
    var thumb = thumbOf(data);
    if (!thumb || data.loading) {
      return data.text;
    }
    var row = $("<span class='picker-option'></span>");
    $("<img alt='' class='picker-option__thumb'>").attr("src", thumb).appendTo(row);
    $("<span class='picker-option__text'></span>").text(data.text).appendTo(row);
    return row;
  }

  function nameByLabel(select) {
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    var combobox = $(select).next(".select2").find(".select2-selection");
    if (!label || !combobox.length) {
      return;
    }
    if (!label.id) {
      label.id = select.id + "_label";
    }
    var rendered = combobox.attr("aria-labelledby") || "";
    if (rendered.split(" ").indexOf(label.id) === -1) {
      combobox.attr("aria-labelledby", (label.id + " " + rendered).trim());
    }
    if (select.multiple) {
      // Several values: the search box inside the field is what one types in.
      combobox.find(".select2-search__field").attr("aria-labelledby", label.id);
    } else {
      // The read-only text box inside, which shows the chosen value, is named by it too.
      combobox.find(".select2-selection__rendered").attr("aria-labelledby", label.id);
    }
  }

  // Django's own set-up (admin/js/autocomplete.js in Django 5.2, which takes no options),
  // with the templates above and the label as the picker's name. Django calls it for the
  // pickers on the page and for each inline row added.
  $.fn.djangoAdminSelect2 = function () {
    $.each(this, function (i, element) {
      // A field of several values is cleared one value at a time (each has its ×); the
      // extra "clear all" Select2 would add sits inside the value list, where it breaks
      // the list for screen readers.
      if (element.multiple) {
        element.removeAttribute("data-allow-clear");
      }
      $(element).select2({
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName,
            };
          },
        },
        templateResult: withThumb,
        templateSelection: withThumb,
      });
      nameByLabel(element);
    });
    return this;
  };

  function showChosen(event) {
    var select = event.target;
    var preview = $(select).closest(".photo-picker").find("[data-picker-preview]");
    if (!preview.length || !$(select).data("select2")) {
      return;
    }
    var chosen = ($(select).select2("data") || [])[0];
    preview.empty();
    var thumb = chosen ? thumbOf(chosen) : "";
    if (thumb) {
      $("<img>").attr({src: thumb, alt: "已选图片：" + chosen.text}).appendTo(preview);
    }
  }

  $(document).on("change", ".photo-picker select.admin-autocomplete", showChosen);
})(window.django && window.django.jQuery);
