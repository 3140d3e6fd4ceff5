/* Renders the LotaBots trend chart of a job from the model in the chart's data-model attribute. */
(function () {
  // The theme's colours, as rgb(): Jenkins defines them in oklch(), which ECharts cannot read, so a canvas converts them.
  function color(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    if (!value) {
      return fallback;
    }
    var canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    var context = canvas.getContext("2d");
    context.fillStyle = fallback;
    context.fillStyle = value;
    context.fillRect(0, 0, 1, 1);
    var pixel = context.getImageData(0, 0, 1, 1).data;
    return "rgb(" + pixel[0] + ", " + pixel[1] + ", " + pixel[2] + ")";
  }

  function render(element) {
    if (typeof echarts === "undefined" || element.dataset.rendered) {
      return;
    }
    var model = JSON.parse(element.dataset.model);
    var text = color("--text-color", "#333");
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      textStyle: { color: text },
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll", textStyle: { color: text } },
      grid: { left: 40, right: 50, top: 40, bottom: 30 },
      xAxis: { type: "category", data: model.builds, axisLabel: { color: text } },
      yAxis: [
        { type: "value", minInterval: 1, axisLabel: { color: text } },
        { type: "value", min: 0, max: 100, axisLabel: { color: text, formatter: "{value} %" } },
      ],
      series: [
        { name: model.labels.passed, type: "line", stack: "tests", areaStyle: {}, data: model.passed,
          color: color("--success-color", "#138347") },
        { name: model.labels.failed, type: "line", stack: "tests", areaStyle: {}, data: model.failed,
          color: color("--error-color", "#e6001f") },
        { name: model.labels.findings, type: "line", data: model.findings,
          color: color("--warning-color", "#fe8225") },
        { name: model.labels.coverage, type: "line", yAxisIndex: 1, data: model.coverage,
          color: color("--accent-color", "#2563eb") },
      ],
    });
    element.dataset.rendered = "true";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function renderAll() {
    document.querySelectorAll(".lotabots-trend[data-model]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
