import { describe, it, expect, vi, afterEach } from 'vitest'
import { request, api, buildUrl, ApiError, CSRF_HEADER, setUnauthenticatedHandler } from '../../src/api/client.js'

function fakeFetch(status, body, { json = true } = {}) {
  return vi.fn(async () => ({
    status,
    ok: status >= 200 && status < 300,
    text: async () => (body === undefined ? '' : json ? JSON.stringify(body) : body),
  }))
}

afterEach(() => setUnauthenticatedHandler(null))

describe('api client', () => {
  it('sends the CSRF header on every non-GET request and never on GET', async () => {
    const fetchImpl = fakeFetch(200, { ok: true })
    await request('GET', '/needs', { fetchImpl })
    await request('POST', '/needs', { body: { id: 'N-1' }, fetchImpl })
    await request('PUT', '/needs/N-1', { body: {}, fetchImpl })
    await request('POST', '/auth/logout', { fetchImpl })
    const [get, post, put, logout] = fetchImpl.mock.calls.map(([, init]) => init)
    expect(get.headers[CSRF_HEADER]).toBeUndefined()
    expect(post.headers[CSRF_HEADER]).toBe('1')
    expect(put.headers[CSRF_HEADER]).toBe('1')
    expect(logout.headers[CSRF_HEADER]).toBe('1')
    expect(post.body).toBe('{"id":"N-1"}')
    expect(post.headers['Content-Type']).toBe('application/json')
    expect(get.credentials).toBe('same-origin')
  })

  it('builds same-origin /api/v1 URLs and drops empty parameters', () => {
    expect(buildUrl('/needs', { q: '焊接', after: undefined, limit: 20, kind: '' })).toBe(
      '/api/v1/needs?q=%E7%84%8A%E6%8E%A5&limit=20',
    )
    expect(buildUrl('/auth/me')).toBe('/api/v1/auth/me')
  })

  it("throws ApiError with the server's Chinese message, code and field", async () => {
    const fetchImpl = fakeFetch(400, { error: { code: 'invalid_argument', message: '日期应写作 YYYY-MM-DD', field: 'posted' } })
    const error = await request('POST', '/needs', { body: {}, fetchImpl }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('invalid_argument')
    expect(error.message).toBe('日期应写作 YYYY-MM-DD')
    expect(error.field).toBe('posted')
  })

  it('falls back to a Chinese message when the answer is not JSON', async () => {
    const error = await request('GET', '/needs', { fetchImpl: fakeFetch(502, '<html>Bad gateway</html>', { json: false }) }).catch((e) => e)
    expect(error.status).toBe(502)
    expect(error.message).toBe('服务器内部错误，请稍后重试')
  })

  it('reports a dropped connection as a network error in Chinese', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const error = await request('GET', '/needs', { fetchImpl }).catch((e) => e)
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/无法连接服务器/)
  })

  it('keeps 404 apart so pages can show the not-found page', async () => {
    const error = await request('GET', '/needs/X', { fetchImpl: fakeFetch(404, { error: { code: 'not_found', message: '没有找到 needs/X，或您无权查看' } }) }).catch((e) => e)
    expect(error.notFound).toBe(true)
    expect(error.message).toBe('没有找到 needs/X，或您无权查看')
  })

  it('calls the 401 handler, except for quiet calls such as sign-in', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    const answer = { error: { code: 'unauthenticated', message: '请先登录' } }
    await request('GET', '/needs', { fetchImpl: fakeFetch(401, answer) }).catch(() => {})
    expect(handler).toHaveBeenCalledTimes(1)
    await request('POST', '/auth/login', { body: {}, quiet401: true, fetchImpl: fakeFetch(401, answer) }).catch(() => {})
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('returns null for 204 and carries retry_after_seconds on 429', async () => {
    expect(await request('POST', '/auth/logout', { fetchImpl: fakeFetch(204) })).toBeNull()
    const error = await request('POST', '/auth/login', {
      body: {},
      fetchImpl: fakeFetch(429, { error: { code: 'rate_limited', message: '登录尝试过于频繁，请稍后再试' }, retry_after_seconds: 30 }),
    }).catch((e) => e)
    expect(error.retryAfter).toBe(30)
  })

  it('api.post sends an empty object when no body is given', async () => {
    const fetchImpl = fakeFetch(200, {})
    globalThis.fetch = fetchImpl
    await api.post('/needs/N-1/archive')
    expect(fetchImpl.mock.calls[0][1].body).toBe('{}')
  })
})
