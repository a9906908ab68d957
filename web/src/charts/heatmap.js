// The province tile map's parts, heatmap and the continuous visualMap, in a
// chunk of their own that the 按地区 card loads when it first shows the map:
// the gauges, trend and bars never wait for them, and the dashboard chunk
// stays under the build's size warning. Registering is global, so charts
// made by charts/echarts.js's init draw heatmaps once this has run.
import { use } from 'echarts/core'
import { HeatmapChart } from 'echarts/charts'
import { VisualMapContinuousComponent } from 'echarts/components'

use([HeatmapChart, VisualMapContinuousComponent])
