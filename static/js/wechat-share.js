/* WeChat share card (README, "Sharing"). Runs only inside WeChat's in-app browser: loads
   WeChat's JS-SDK and hands it the card the server signed for this page's URL
   (the JSON block #wechat-share). Other browsers load nothing more. */
(function () {
  "use strict";
  var block = document.getElementById("wechat-share");
  if (!block || !/MicroMessenger/i.test(navigator.userAgent)) {
    return;
  }
  var card = JSON.parse(block.textContent);
  if (card.url !== window.location.href.split("#")[0]) {
    return; /* the signature would not match this address */
  }
  var sdk = document.createElement("script");
  sdk.src = card.sdk;
  sdk.async = true;
  sdk.onload = function () {
    var wx = window.wx;
    if (!wx) {
      return;
    }
    wx.config({
      debug: false,
      appId: card.appId,
      timestamp: card.timestamp,
      nonceStr: card.nonceStr,
      signature: card.signature,
      jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"]
    });
    wx.ready(function () {
      wx.updateAppMessageShareData({
        title: card.title, desc: card.desc, link: card.link, imgUrl: card.imgUrl
      });
      wx.updateTimelineShareData({title: card.title, link: card.link, imgUrl: card.imgUrl});
    });
  };
  document.head.appendChild(sdk);
})();
