// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtCharts
import Stockroom

// On hand over time, one step line per location. Every use of Qt Charts sits behind components like this
// one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{code, name, points: [{x: msecs since the epoch, y: on hand}]}], already in steps. */
    property var series: []
    /** The window shown, msecs since the epoch. */
    property real from: 0
    property real to: 0
    property int highest: 0
    readonly property var colours: ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#455a64"]

    function rebuild(): void {
        root.removeAllSeries();
        for (let i = 0; i < root.series.length; ++i) {
            const data = root.series[i];
            const line = root.createSeries(ChartView.SeriesTypeLine, data.code, xAxis, yAxis);
            line.color = root.colours[i % root.colours.length];
            line.width = 2;
            for (let j = 0; j < data.points.length; ++j)
                line.append(data.points[j].x, data.points[j].y);
        }
        if (root.to > root.from) {
            xAxis.min = new Date(root.from);
            xAxis.max = new Date(root.to);
        }
        // A little headroom, and round steps for the labels: 1, 2, 2.5 or 5 times a power of ten.
        const rough = Math.max(4, root.highest * 1.1) / (yAxis.tickCount - 1);
        const magnitude = Math.pow(10, Math.floor(Math.log(rough) / Math.LN10));
        const fraction = rough / magnitude;
        const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
        yAxis.max = Math.max(1, Math.round(step)) * (yAxis.tickCount - 1);
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    legend.font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
    margins.top: 2
    margins.bottom: 2
    margins.left: 2
    margins.right: 6
    backgroundRoundness: 0
    // The series and the window change together: draw once they all have.
    onSeriesChanged: Qt.callLater(root.rebuild)
    onFromChanged: Qt.callLater(root.rebuild)
    onToChanged: Qt.callLater(root.rebuild)
    onHighestChanged: Qt.callLater(root.rebuild)
    Component.onCompleted: root.rebuild()
    Accessible.name: qsTr("On hand per location over time", "@label chart")

    Label {
        anchors.centerIn: parent
        visible: root.series.length === 0
        text: qsTr("No stock here yet.", "@info chart without data")
        opacity: 0.6
    }

    DateTimeAxis {
        id: xAxis

        format: "dd MMM"
        tickCount: 4
        labelsFont.pixelSize: Math.round(10 * InterfaceSettings.fontScale)
    }
    ValueAxis {
        id: yAxis

        min: 0
        max: 5
        tickCount: 5
        labelFormat: "%d"
        labelsFont.pixelSize: Math.round(10 * InterfaceSettings.fontScale)
    }
}
