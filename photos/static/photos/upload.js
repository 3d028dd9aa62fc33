// The photo upload page, made for phones on 4G. Without JavaScript the form posts every
// file at once and works the same; the server checks and re-encodes every file anyway.
//
// With it, the page sends one file at a time (a dropped connection costs that file only,
// which can be retried; the next file goes out while the server checks the previous
// one), shows each file's progress, keeps the button disabled while
// sending, and shrinks large photos in the browser first (2560 px on the long side), as a
// new JPEG or PNG without any metadata: the GPS position never leaves the phone. The date
// taken is read from the photo's EXIF here and sent alongside (the server uses it only if
// the file carries none). Cancelling stops the file in flight: the server stores nothing
// for it (it checks the size it receives against `expected_size`).
(function () {
  "use strict";

  var LONG_SIDE = 2560;   // photos: the long side after shrinking
  var MAX_SIDE = 16384;   // what a browser canvas holds: longer images go as they are
  var JPEG_QUALITY = 0.85;  // the server re-encodes anyway (renditions at 85)
  var LIMIT = 30 * 1024 * 1024;

  // --- The date taken, from the JPEG's EXIF (APP1) -------------------------------------

  function exifDate(buffer) {
    try {
      var view = new DataView(buffer);
      if (view.getUint16(0) !== 0xffd8) {
        return "";
      }
      var offset = 2;
      while (offset + 4 <= view.byteLength) {
        var marker = view.getUint16(offset);
        var size = view.getUint16(offset + 2);
        if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
          return tiffDate(view, offset + 10);
        }
        if (marker === 0xffda || (marker & 0xff00) !== 0xff00) {
          return "";
        }
        offset += 2 + size;
      }
    } catch (error) {
      // A broken or truncated header: no date, the photo is still sent.
    }
    return "";
  }

  function tiffDate(view, start) {
    var little = view.getUint16(start) === 0x4949;
    function u16(at) { return view.getUint16(start + at, little); }
    function u32(at) { return view.getUint32(start + at, little); }
    function find(ifd, tag) {
      var count = u16(ifd);
      for (var i = 0; i < count; i++) {
        var entry = ifd + 2 + i * 12;
        if (u16(entry) === tag) {
          return entry;
        }
      }
      return -1;
    }
    function text(entry) {
      var length = u32(entry + 4);
      var at = length > 4 ? u32(entry + 8) : entry + 8;
      var chars = "";
      for (var i = 0; i < length - 1; i++) {
        chars += String.fromCharCode(view.getUint8(start + at + i));
      }
      return chars;
    }
    var ifd0 = u32(4);
    var raw = "";
    var pointer = find(ifd0, 0x8769);
    if (pointer >= 0) {
      var original = find(u32(pointer + 8), 0x9003);  // DateTimeOriginal
      if (original >= 0) {
        raw = text(original);
      }
    }
    if (!raw) {
      var changed = find(ifd0, 0x0132);  // DateTime
      raw = changed >= 0 ? text(changed) : "";
    }
    var match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw);
    return match ? match[1] + "-" + match[2] + "-" + match[3] + "T" + match[4] + ":" + match[5] + ":" + match[6] : "";
  }

  // --- Shrinking: a new file without metadata ------------------------------------------

  function targetSize(width, height) {
    // Photos: 2560 px on the long side. Long images (一图读懂): 2560 px across at most,
    // never shortened: one longer than a canvas holds is sent as it is (null), and the
    // server's pipeline makes its renditions and strips its metadata like any other file.
    var long = Math.max(width, height);
    var short = Math.min(width, height);
    var tall = long / short > 2;
    var scale = tall ? Math.min(1, LONG_SIDE / short) : Math.min(1, LONG_SIDE / long);
    if (long * scale > MAX_SIDE) {
      return null;
    }
    return {width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale))};
  }

  function reencode(file) {
    // Resolves with {blob, name} for a new JPEG/PNG, or null when the browser can't decode
    // the file (e.g. HEIC outside Safari): the original goes to the server, which strips it.
    if (!window.createImageBitmap || !/^image\/(jpeg|png|webp)$/.test(file.type)) {
      return Promise.resolve(null);
    }
    return createImageBitmap(file, {imageOrientation: "from-image"}).then(function (bitmap) {
      var size = targetSize(bitmap.width, bitmap.height);
      if (!size) {
        bitmap.close();
        return null;
      }
      var canvas = document.createElement("canvas");
      canvas.width = size.width;
      canvas.height = size.height;
      var context = canvas.getContext("2d");
      context.imageSmoothingQuality = "high";
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      bitmap.close();
      var png = file.type === "image/png";
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          canvas.width = canvas.height = 0;
          if (!blob) {
            resolve(null);
            return;
          }
          // The file keeps its name unless its type changed (WebP becomes JPEG).
          var base = file.name.replace(/\.[^.]*$/, "") || "photo";
          var name = blob.type === file.type ? file.name : base + (png ? ".png" : ".jpg");
          resolve({blob: blob, name: name});
        }, png ? "image/png" : "image/jpeg", JPEG_QUALITY);
      });
    }, function () { return null; });
  }

  function prepare(file) {
    var head = file.slice(0, 256 * 1024);
    var reading = head.arrayBuffer ? head.arrayBuffer() : Promise.resolve(new ArrayBuffer(0));
    return reading.then(function (buffer) {
      var takenAt = /jpe?g$/i.test(file.type) ? exifDate(buffer) : "";
      return reencode(file).then(function (shrunk) {
        return {
          blob: shrunk ? shrunk.blob : file,
          name: shrunk ? shrunk.name : file.name,
          takenAt: takenAt,
          shrunk: Boolean(shrunk),
        };
      });
    });
  }

  // --- The page ----------------------------------------------------------------------

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function init() {
    var form = document.querySelector("[data-photo-upload]");
    var zone = document.querySelector("[data-dropzone]");
    var list = document.querySelector("[data-file-list]");
    if (!form || !zone || !list) {
      return;
    }
    var input = zone.querySelector("input[type=file]");
    var button = form.querySelector("[data-upload-button]");
    var cancel = form.querySelector("[data-cancel-button]");
    var summary = form.querySelector("[data-upload-summary]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var files = [];
    var rows = [];
    var uploaded = [];
    var current = null;
    var cancelled = false;
    var sending = false;

    function row(file) {
      var item = document.createElement("li");
      item.className = "photo-upload__item";
      var name = document.createElement("span");
      name.className = "photo-upload__name";
      name.textContent = file.name + "（" + megabytes(file.size) + "）";
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", file.name + " 的上传进度");
      var state = document.createElement("span");
      state.className = "photo-upload__state";
      state.textContent = file.size > LIMIT ? "超过 30 MB，手机上缩小后再发送" : "等待发送";
      item.append(name, bar, state);
      list.appendChild(item);
      return {item: item, bar: bar, state: state, file: file, done: false};
    }

    function show() {
      files = Array.prototype.slice.call(input.files);
      uploaded = [];
      list.textContent = "";
      summary.textContent = "";
      rows = files.map(row);
    }

    function setState(entry, text, kind) {
      entry.state.textContent = text;
      entry.item.className = "photo-upload__item" + (kind ? " is-" + kind : "");
    }

    function retryButton(entry) {
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button photo-upload__retry";
      again.textContent = "重试";
      again.addEventListener("click", function () {
        again.remove();
        run([entry]);
      });
      entry.item.appendChild(again);
    }

    // Sends one photo. Resolves `sent` once its bytes are out (or it failed): the next
    // photo then starts while the server checks this one, so the uplink carries one photo
    // at a time and is never idle. `answered` resolves with the server's verdict.
    function send(entry, prepared) {
      var sent, answered;
      var sentPromise = new Promise(function (resolve) { sent = resolve; });
      var answeredPromise = new Promise(function (resolve) { answered = resolve; });
      function settle() {
        sent();
        answered();
      }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf);
      data.append("caption", form.elements.caption.value);
      data.append("credit", form.elements.credit.value);
      data.append("taken_at", prepared.takenAt);
      data.append("expected_size", String(prepared.blob.size));
      data.append("images", prepared.blob, prepared.name);
      var xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "upload.js");
      xhr.setRequestHeader("X-CSRFToken", csrf);
      xhr.responseType = "json";
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          var percent = Math.round((event.loaded / event.total) * 100);
          entry.bar.value = percent;
          entry.state.textContent = "正在发送 " + percent + "%";
        }
      });
      xhr.upload.addEventListener("load", function () {
        if (current === xhr) {
          current = null;
        }
        entry.state.textContent = "已发送，服务器正在检查……";
        sent();
      });
      xhr.addEventListener("load", function () {
        var answer = xhr.response || {};
        if (xhr.status === 200 && answer.ok) {
          entry.bar.value = 100;
          entry.done = true;
          uploaded.push(answer.id);
          setState(entry, "已上传", "done");
        } else {
          setState(entry, "没有上传：" + (answer.error || "服务器没有接受这个文件，请重试。"), "failed");
          if (xhr.status >= 500 || !answer.error) {
            retryButton(entry);
          }
        }
        settle();
      });
      xhr.addEventListener("error", function () {
        setState(entry, "网络中断，这张没有上传。", "failed");
        retryButton(entry);
        settle();
      });
      xhr.addEventListener("abort", function () {
        setState(entry, "已取消，这张没有保存。", "failed");
        retryButton(entry);
        settle();
      });
      xhr.send(data);
      return {sent: sentPromise, answered: answeredPromise};
    }

    function finish() {
      sending = false;
      current = null;
      button.disabled = false;
      button.value = "上传";
      cancel.hidden = true;
      var failed = rows.filter(function (entry) { return !entry.done; }).length;
      if (!failed && uploaded.length && !cancelled) {
        summary.textContent = "全部上传完成，正在打开图片列表，请为每张照片填写说明。";
        window.location.assign(form.getAttribute("data-caption-url") + "?id__in=" + uploaded.join(","));
        return;
      }
      summary.textContent = "已上传 " + uploaded.length + " 张，未上传 " + failed + " 张。";
      if (uploaded.length) {
        var link = document.createElement("a");
        link.href = form.getAttribute("data-caption-url") + "?id__in=" + uploaded.join(",");
        link.textContent = "为已上传的照片填写说明";
        summary.append(" ", link);
      }
    }

    function run(queue) {
      sending = true;
      cancelled = false;
      button.disabled = true;
      button.value = "正在上传……";
      cancel.hidden = false;
      summary.textContent = "正在逐张发送，请不要关闭页面。";
      // The next photo is shrunk while the current one is being sent.
      var ahead = [];
      function prepared(i) {
        if (i < queue.length && !ahead[i]) {
          ahead[i] = prepare(queue[i].file);
        }
        return ahead[i];
      }
      var answers = [];
      var chain = Promise.resolve();
      queue.forEach(function (entry, i) {
        chain = chain.then(function () {
          if (cancelled) {
            setState(entry, "未发送", "failed");
            return null;
          }
          if (entry.file.size > LIMIT && !/^image\/(jpeg|png|webp)$/.test(entry.file.type)) {
            setState(entry, "超过 30 MB，没有发送。", "failed");
            return null;
          }
          setState(entry, "正在缩小……", "busy");
          return prepared(i).then(function (ready) {
            prepared(i + 1);
            if (cancelled) {
              setState(entry, "未发送", "failed");
              return null;
            }
            entry.state.textContent = ready.shrunk ? "正在发送" : "原图发送（服务器会删除位置信息）";
            var sending = send(entry, ready);
            answers.push(sending.answered);
            return sending.sent;
          });
        });
      });
      chain.then(function () { return Promise.all(answers); }).then(finish, finish);
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
      if (event.dataTransfer && event.dataTransfer.files.length && !sending) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);

    form.addEventListener("submit", function (event) {
      if (!files.length || !window.FormData || !window.Promise) {
        return;  // nothing chosen: the server answers with its message
      }
      event.preventDefault();
      if (sending) {
        return;
      }
      // Files already sent stay sent; pressing again sends only the others.
      var queue = rows.filter(function (entry) { return !entry.done; });
      queue.forEach(function (entry) {
        var again = entry.item.querySelector(".photo-upload__retry");
        if (again) {
          again.remove();
        }
      });
      run(queue);
    });

    cancel.addEventListener("click", function () {
      cancelled = true;
      if (current) {
        current.abort();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
