// ECharts with only what the dashboard draws: gauge, line and bar charts;
// title, tooltip, legend, grid, aria; and a toolbox with saveAsImage alone.
// The province tile map's heatmap and visualMap come separately (heatmap.js).
// (echarts/components' ToolboxComponent also brings data zoom, data view and
// magic type, a third of the chart bundle, which no chart here uses.)
import { use, init } from 'echarts/core'
import { GaugeChart, LineChart, BarChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import ToolboxModel from 'echarts/lib/component/toolbox/ToolboxModel.js'
import ToolboxView from 'echarts/lib/component/toolbox/ToolboxView.js'
import { registerFeature } from 'echarts/lib/component/toolbox/featureManager.js'
import SaveAsImage from 'echarts/lib/component/toolbox/feature/SaveAsImage.js'

function installSaveAsImageToolbox(registers) {
  registers.registerComponentModel(ToolboxModel)
  registers.registerComponentView(ToolboxView)
  registerFeature('saveAsImage', SaveAsImage)
}

use([GaugeChart, LineChart, BarChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  installSaveAsImageToolbox, CanvasRenderer])

export { init }
