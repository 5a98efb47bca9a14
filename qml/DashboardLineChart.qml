// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtCharts
import Stockroom

// Up to three lines over dates, each read from one key of the points: the Dashboard's weekly charts. Every use of
// Qt Charts sits behind components like this one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{date: Date, <key>: number, …}]; a point without a line's key is left out of that line. */
    property var points: []
    /** [{key: string, name: string, color: color, dashed: bool}], at most three. */
    property var lines: []
    property string dateFormat: "dd MMM"

    function rebuild(): void {
        const slots = [first, second, third];
        let highest = 0;
        for (let i = 0; i < slots.length; ++i) {
            const series = slots[i];
            series.clear();
            const line = i < root.lines.length ? root.lines[i] : null;
            series.visible = line !== null;
            if (line === null)
                continue;
            series.name = line.name;
            series.color = line.color;
            series.style = line.dashed ? Qt.DashLine : Qt.SolidLine;
            for (const point of root.points) {
                const value = point[line.key];
                if (value === undefined || value === null)
                    continue;
                series.append(point.date.getTime(), value);
                highest = Math.max(highest, value);
            }
        }
        if (root.points.length > 0) {
            xAxis.min = root.points[0].date;
            xAxis.max = root.points[root.points.length - 1].date;
        }
        yAxis.min = 0;
        yAxis.max = Math.max(5, highest * 1.1);
        yAxis.applyNiceNumbers();
    }

    antialiasing: true
    legend.alignment: Qt.AlignTop
    legend.font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
    margins.top: 0
    margins.bottom: 0
    margins.left: 0
    margins.right: 4
    backgroundRoundness: 0
    onPointsChanged: root.rebuild()
    onLinesChanged: root.rebuild()
    Component.onCompleted: root.rebuild()

    DateTimeAxis {
        id: xAxis

        format: root.dateFormat
        tickCount: 5
        labelsFont.pixelSize: Math.round(10 * InterfaceSettings.fontScale)
    }
    ValueAxis {
        id: yAxis

        min: 0
        labelFormat: "%.0f"
        labelsFont.pixelSize: Math.round(10 * InterfaceSettings.fontScale)
    }
    LineSeries {
        id: first

        axisX: xAxis
        axisY: yAxis
        width: 2
    }
    LineSeries {
        id: second

        axisX: xAxis
        axisY: yAxis
        width: 2
    }
    LineSeries {
        id: third

        axisX: xAxis
        axisY: yAxis
        width: 2
    }
}
