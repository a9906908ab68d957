// Whether the screen is phone-sized (the layout's 767 px break): dialogs
// then take the whole screen so their fields stay wide enough to type in.
import { onBeforeUnmount, ref } from 'vue'

export function useNarrow(query = '(max-width: 767px)') {
  const media = typeof matchMedia === 'function' ? matchMedia(query) : null
  const narrow = ref(!!media?.matches)
  const onChange = (e) => (narrow.value = e.matches)
  media?.addEventListener?.('change', onChange)
  onBeforeUnmount(() => media?.removeEventListener?.('change', onChange))
  return narrow
}
