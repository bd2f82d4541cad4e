// Times on the ops pages: each <time datetime="ISO"> shows "3 min ago", the absolute time in the
// browser's time zone on hover. Without this script the ISO text stays as it is.
(function () {
  "use strict";
  var units = [
    ["year", 365 * 24 * 3600], ["month", 30 * 24 * 3600], ["day", 24 * 3600],
    ["hour", 3600], ["minute", 60], ["second", 1]
  ];
  var relative = window.Intl && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" })
    : null;
  var absolute = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short"
  });

  function ago(date, now) {
    var seconds = Math.round((date.getTime() - now) / 1000);
    for (var i = 0; i < units.length; i++) {
      var size = units[i][1];
      if (Math.abs(seconds) >= size || size === 1) {
        var value = Math.round(seconds / size);
        return relative ? relative.format(value, units[i][0])
          : Math.abs(value) + " " + units[i][0] + (Math.abs(value) === 1 ? "" : "s")
            + (value <= 0 ? " ago" : " from now");
      }
    }
    return "";
  }

  function render() {
    var now = Date.now();
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var iso = el.getAttribute("datetime");
      var date = new Date(iso);
      if (!iso || isNaN(date.getTime())) {
        continue;
      }
      el.textContent = ago(date, now);
      el.title = absolute.format(date) + " (" + iso + ")";
      el.setAttribute("data-relative", "true");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
  setInterval(render, 30000);
})();
