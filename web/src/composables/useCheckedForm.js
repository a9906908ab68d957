// A form checked as the user types with a table of field checks (see
// domain/programmes.js), plus the server's answer shown on the field it
// names (`error.field`). Element Plus shows a rule's message under the
// field; `serverErrors` feeds the form items' `error` prop.
import { nextTick, reactive, ref } from 'vue'
import { t } from '../i18n/index.js'

// context(): extra facts the checks need; params(): {name} values their messages take;
// fieldOf(serverField): the form field an API field name belongs to.
export function useCheckedForm(form, checks, { context = () => ({}), params = () => ({}), fieldOf = (f) => f } = {}) {
  const formRef = ref()
  const serverErrors = reactive({})

  const rules = Object.fromEntries(
    Object.keys(checks).map((field) => [
      field,
      [
        {
          trigger: ['blur', 'change'],
          validator: (rule, value, callback) => {
            const key = checks[field](form[field], form, context())
            callback(key ? new Error(t(key, params())) : undefined)
          },
        },
      ],
    ]),
  )

  function clearServerErrors() {
    for (const key of Object.keys(serverErrors)) delete serverErrors[key]
  }

  // True when the message found its field; otherwise the caller shows it above the form.
  function showServerError(field, message) {
    const name = fieldOf(field)
    if (!name || !(name in checks)) return false
    serverErrors[name] = message
    return true
  }

  // After the form's values were set back (a dialog opened again, a note
  // sent): the inputs' own change checks run on the next tick, so the
  // messages are cleared after them, not before.
  async function quiet() {
    clearServerErrors()
    await nextTick()
    formRef.value?.clearValidate()
  }

  async function validate() {
    clearServerErrors()
    if (!formRef.value) return true
    return formRef.value.validate().catch(() => false)
  }

  // A field whose check reads another one (end after start) is checked
  // again when that one changes, but only once the user has filled it.
  function recheck(field) {
    if (form[field] !== '' && form[field] != null) formRef.value?.validateField(field).catch(() => {})
  }

  return { formRef, rules, serverErrors, showServerError, clearServerErrors, validate, recheck, quiet }
}
