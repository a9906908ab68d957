#include "matching/term_table.h"

#include <functional>

namespace craftlink::matching::internal {

uint64_t TermTable::Hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

size_t TermTable::FindSlot(std::string_view text, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const auto low = static_cast<uint32_t>(hash);
  for (size_t i = (hash >> 32 ^ hash) & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) return i;
    if (slot.hash_low == low && Text(slot.id_plus_one - 1) == text) return i;
  }
}

std::optional<uint32_t> TermTable::Find(std::string_view text, uint64_t hash) const {
  const Slot& slot = slots_[FindSlot(text, hash)];
  if (slot.id_plus_one == 0) return std::nullopt;
  return slot.id_plus_one - 1;
}

uint32_t TermTable::Intern(std::string_view text, uint64_t hash, bool* added) {
  size_t i = FindSlot(text, hash);
  *added = slots_[i].id_plus_one == 0;
  if (!*added) return slots_[i].id_plus_one - 1;
  const auto id = static_cast<uint32_t>(size());
  text_.append(text);
  offsets_.push_back(static_cast<uint32_t>(text_.size()));
  slots_[i] = Slot{id + 1, static_cast<uint32_t>(hash)};
  if (2 * size() > slots_.size()) Grow();
  return id;
}

void TermTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_one == 0) continue;
    const uint64_t hash = Hash(Text(slot.id_plus_one - 1));
    size_t i = (hash >> 32 ^ hash) & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

size_t TermTable::MemoryBytes() const {
  return slots_.capacity() * sizeof(Slot) + offsets_.capacity() * sizeof(uint32_t) + text_.capacity();
}

}  // namespace craftlink::matching::internal
