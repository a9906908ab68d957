// The one place the web UI talks HTTP. Every call goes to the same origin
// with the session cookie; writes carry the CSRF header the server demands
// of cookie-authenticated requests. Errors come back as ApiError carrying the
// server's Chinese `error.message`, so pages can show it as is.

export const CSRF_HEADER = 'X-CraftLink-CSRF'

export class ApiError extends Error {
  constructor(status, code, message, field = null, extra = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    Object.assign(this, extra)
  }
  get notFound() {
    return this.status === 404
  }
}

// Messages for answers that carry no JSON error (a proxy, a dropped connection).
const FALLBACK_MESSAGES = {
  0: '无法连接服务器，请检查网络后重试',
  400: '请求有误，请检查输入',
  401: '请先登录',
  403: '您无权进行此操作',
  404: '没有找到该记录，或您无权查看',
  409: '记录已被他人修改，请刷新后再试',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
}

function fallbackMessage(status) {
  return FALLBACK_MESSAGES[status] ?? (status >= 500 ? '服务器内部错误，请稍后重试' : '请求失败')
}

let onUnauthenticated = null
// The router installs this: a 401 on any call but sign-in means the session
// has ended, so the user goes back to the sign-in page.
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler
}

export function buildUrl(path, query) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const qs = params.toString()
  return `/api/v1${path}${qs ? `?${qs}` : ''}`
}

// fetchImpl is injectable for tests. as: 'text' answers the body as text
// (a printable text/plain answer); errors still come as ApiError.
export async function request(method, path, { query, body, quiet401 = false, fetchImpl, as = 'json' } = {}) {
  const headers = { Accept: as === 'text' ? 'text/plain, application/json' : 'application/json' }
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = '1'
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response
  try {
    response = await (fetchImpl ?? globalThis.fetch)(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', fallbackMessage(0))
  }
  if (response.status === 204) return null
  let payload = null
  const text = await response.text()
  if (text) {
    try {
      payload = JSON.parse(text)
    } catch {
      payload = null
    }
  }
  if (!response.ok) {
    const e = payload?.error ?? {}
    const extra = {}
    if (payload?.retry_after_seconds != null) extra.retryAfter = payload.retry_after_seconds
    const error = new ApiError(
      response.status,
      e.code ?? 'http_error',
      e.message || fallbackMessage(response.status),
      e.field ?? null,
      extra,
    )
    if (response.status === 401 && !quiet401 && onUnauthenticated) onUnauthenticated(error)
    throw error
  }
  if (as === 'text') return text
  if (payload === null) throw new ApiError(response.status, 'bad_response', '服务器返回了无法识别的内容')
  return payload
}

export const api = {
  get: (path, query, options) => request('GET', path, { ...options, query }),
  post: (path, body, options) => request('POST', path, { ...options, body: body ?? {} }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
}
