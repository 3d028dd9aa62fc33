// Pictures in the admin's autocomplete pickers (Select2): a result that carries a
// thumbnail (the photo library's, from PhotoAdmin.autocomplete_extra) is shown with it,
// and a photo picker (photos/widgets/photo_picker.html) previews the chosen photo under
// the field. Loaded after Django's admin/js/autocomplete.js, whose set-up it extends.
(function ($) {
  "use strict";
  if (!$ || !$.fn.djangoAdminSelect2) {
    return;
  }
  var djangoSelect2 = $.fn.djangoAdminSelect2;

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

  $.fn.djangoAdminSelect2 = function (options) {
    var settings = $.extend({templateResult: withThumb, templateSelection: withThumb}, options);
    return djangoSelect2.call(this, settings);
  };

  function showChosen(event) {
    var select = event.target;
    var picker = $(select).closest(".photo-picker");
    var preview = picker.find("[data-picker-preview]");
    if (!preview.length) {
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
