// One record (craftsman, enterprise, need, result) by id: useDocument over
// GET /{kind}/{id}. A failed read clears the record, so the record pages
// show the error in its place rather than an old copy.
import { getRecord } from '../api/records.js'
import { useDocument } from './useDocument.js'

export function useRecord(kind, idRef) {
  const { data, loading, error, notFound, conflict, reload } = useDocument((id) => getRecord(kind, id), idRef, { clearOnError: true })
  return { record: data, loading, error, notFound, conflict, reload }
}
