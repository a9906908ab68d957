#pragma once

// Where a record list continues: the `after` a client passes back from a
// page's `next_after`. Lists in id order use the plain id, as they always
// have. Sorted lists need the sort value too (ties are broken by id), so
// their cursor is opaque: base64url (no padding) of the JSON array
// [sort, value, id], e.g. ["-posted","2025-03-18","N17"]. Carrying the sort
// lets a cursor taken under one order be refused under another instead of
// silently skipping rows.

#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::services {

struct ListPosition {
  std::string value;  // the sort column's value; empty for id order
  std::string id;
};

// `sort` is the list's sort parameter as given ("posted", "-posted").
std::string EncodeSortedCursor(std::string_view sort, const ListPosition& position);

// Invalid (field "after") unless `cursor` came from EncodeSortedCursor with
// the same `sort`.
Result<ListPosition> DecodeSortedCursor(std::string_view sort, std::string_view cursor);

}  // namespace craftlink::services
