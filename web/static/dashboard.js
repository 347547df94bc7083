// The dashboard's charts (Chart.js). The figures come from the JSON the server embeds in the page
// (#dashboard-data, amounts in cents); every chart repeats a table the page already shows, so
// without this script nothing is lost but the drawings.
(() => {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart !== "function") return;
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch {
    return;
  }
  const { Chart } = window;
  const css = getComputedStyle(document.documentElement);
  const color = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const primary = color("--primary", "#3b4bc8");
  const success = "#2e9e5b";
  const text2 = color("--text-2", "#3a4254");
  const grid = color("--border-soft", "#eceef3");
  const ageColors = { not_due: "#2f7be0", "1_30": "#e0a019", "31_60": "#e5702a", "61_90": "#d6423a", over_90: "#8e1a12" };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = text2;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;

  const euros = new Intl.NumberFormat(data.locale, { style: "currency", currency: data.currency });
  const compact = new Intl.NumberFormat(data.locale, {
    style: "currency",
    currency: data.currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const money = (cents) => euros.format(cents / 100);
  const axis = {
    beginAtZero: true,
    grid: { color: grid },
    border: { display: false },
    ticks: { callback: (value) => compact.format(value / 100), maxTicksLimit: 6 },
  };
  const colon = data.locale.startsWith("fr") ? "\u00a0: " : ": ";
  // Bars and lines carry their series' name; a doughnut's slices their own label.
  // Month names stay level; where they do not fit, every other one is left out.
  const months = { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } };
  const tooltip = { callbacks: { label: (item) => `${item.dataset.label ?? item.label}${colon}${money(item.parsed.y ?? item.parsed)}` } };
  const legend = { position: "bottom", labels: { boxWidth: 12, boxHeight: 12, usePointStyle: true, pointStyle: "rectRounded" } };

  const charts = {
    monthly: (m) => ({
      type: "bar",
      data: {
        labels: m.labels,
        datasets: [
          { label: m.invoiced_label, data: m.invoiced, backgroundColor: primary, borderRadius: 4, maxBarThickness: 28 },
          { label: m.collected_label, data: m.collected, backgroundColor: success, borderRadius: 4, maxBarThickness: 28 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { x: months, y: axis },
        plugins: { legend, tooltip },
      },
    }),
    cumulative: (c) => ({
      type: "line",
      data: {
        labels: c.labels,
        datasets: [
          { label: c.invoiced_label, data: c.invoiced, borderColor: primary, backgroundColor: primary, tension: 0.25, pointRadius: 2 },
          { label: c.collected_label, data: c.collected, borderColor: success, backgroundColor: success, tension: 0.25, pointRadius: 2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { x: months, y: axis },
        plugins: { legend, tooltip },
      },
    }),
    ageing: (a) => ({
      type: "doughnut",
      data: {
        labels: a.labels,
        datasets: [{ data: a.amounts, backgroundColor: a.codes.map((code) => ageColors[code]), borderWidth: 2, borderColor: "#fff" }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        cutout: "62%",
        plugins: { legend: { ...legend, position: "right" }, tooltip },
      },
    }),
  };

  document.querySelectorAll("[data-chart]").forEach((box) => {
    const make = charts[box.dataset.chart];
    const figures = data[box.dataset.chart];
    const canvas = box.querySelector("canvas");
    if (!make || !figures || !canvas) return;
    box.hidden = false;
    box.closest("[data-chart-card]")?.removeAttribute("hidden");
    const config = make(figures);
    // The doughnut's legend goes under it where there is no room beside it.
    if (box.dataset.chart === "ageing" && box.clientWidth < 420) config.options.plugins.legend.position = "bottom";
    new Chart(canvas, config);
  });
})();
