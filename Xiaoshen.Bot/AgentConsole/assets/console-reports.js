// The reports page's charts: the server sends labels and counts, Chart.js (bundled from npm at build) draws them.
window.xsReports = (function () {
    // One colour per series, stable across redraws; outcomes get their own so a stacked bar reads the same every day.
    const palette = {
        resolvedByBot: '#2e7d32', unresolved: '#f9a825', humanResolved: '#1565c0', humanNotResolved: '#6a1b9a',
        referred12345: '#00838f', offHoursTicket: '#8d6e63', abandoned: '#c62828', firstResponse: '#1565c0'
    };
    const spare = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#c62828', '#5d4037', '#455a64'];

    function draw(id, config) {
        const canvas = document.getElementById(id);
        if (!canvas || !window.Chart) {
            return;
        }

        const existing = window.Chart.getChart(canvas);
        if (existing) {
            existing.destroy();
        }

        const datasets = config.datasets.map(function (d, i) {
            return { label: d.label, data: d.data, backgroundColor: palette[d.key] || spare[i % spare.length] };
        });
        new window.Chart(canvas, {
            type: config.type,
            data: { labels: config.labels, datasets: datasets },
            options: {
                animation: false,
                responsive: true,
                scales: { x: { stacked: config.stacked }, y: { stacked: config.stacked, beginAtZero: true, ticks: { precision: 0 } } }
            }
        });
    }

    return { draw: draw };
})();
