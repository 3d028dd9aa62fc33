// Drag and drop for the photo upload page. Without JavaScript the plain multiple-file
// input works the same; the server checks every file anyway.
(function () {
  "use strict";
  function init() {
    var zone = document.querySelector("[data-dropzone]");
    var list = document.querySelector("[data-file-list]");
    if (!zone || !list) return;
    var input = zone.querySelector("input[type=file]");
    var limit = 30 * 1024 * 1024;

    function show() {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        var size = (file.size / (1024 * 1024)).toFixed(1) + " MB";
        item.textContent = file.name + "(" + size + ")";
        if (file.size > limit) {
          item.textContent += " — 超过 30 MB,将被拒绝";
          item.className = "photo-upload__too-big";
        }
        list.appendChild(item);
      });
    }

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
