// The rich-text editor in the admin: a Chinese character count (字数) under each CKEditor 5
// field, instead of the editor's "word" count (a run of Chinese is one "word" to it).
// Counted as Chinese word processors do: each Chinese character or full-width mark is one,
// each run of Latin letters or digits (a word, a number) is one.
(function () {
  "use strict";

  var CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;
  var WORD = /[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*/g;

  function count(text) {
    var chinese = (text.match(CJK) || []).length;
    var words = (text.replace(CJK, " ").match(WORD) || []).length;
    return chinese + words;
  }

  function modelText(editor) {
    var parts = [];
    var range = editor.model.createRangeIn(editor.model.document.getRoot());
    for (var item of range.getItems()) {
      if (item.is("$textProxy")) {
        parts.push(item.data);
      }
    }
    return parts.join(" ");
  }

  function attach(textarea, editor) {
    var holder = document.getElementById(textarea.id + "_script-word-count");
    if (!holder) {
      return;
    }
    var output = document.createElement("span");
    output.className = "editor-count";
    output.setAttribute("aria-live", "off");
    holder.appendChild(output);
    function update() {
      output.textContent = "字数：" + count(modelText(editor));
    }
    editor.model.document.on("change:data", update);
    update();
  }

  function init() {
    var textareas = document.querySelectorAll("textarea.django_ckeditor_5");
    Array.prototype.forEach.call(textareas, function (textarea) {
      if (textarea.id.indexOf("__prefix__") !== -1) {
        return;
      }
      var ready = window.editors && window.editors[textarea.id];
      if (ready) {
        attach(textarea, ready);
      } else if (window.ckeditorRegisterCallback) {
        window.ckeditorRegisterCallback(textarea.id, function (editor) {
          attach(textarea, editor);
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
