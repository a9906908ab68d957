// TermTable: the terms of one token stream of a TextIndex, interned to dense
// ids. Open addressing over slots that hold an id and its hash, so a lookup
// reads one slot array and compares text only on a full hash match; the texts
// share one buffer instead of a std::string and a hash-map node each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace craftlink::matching::internal {

class TermTable {
 public:
  // The hash every caller must pass with a text (std::hash of the bytes), so
  // analysis threads can compute it once outside the writer.
  static uint64_t Hash(std::string_view text);

  std::optional<uint32_t> Find(std::string_view text, uint64_t hash) const;
  // The id of `text`, adding it (the next id) when new; `added` says which.
  uint32_t Intern(std::string_view text, uint64_t hash, bool* added);

  std::string_view Text(uint32_t id) const {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t MemoryBytes() const;

 private:
  struct Slot {
    uint32_t id_plus_one = 0;  // 0: empty
    uint32_t hash_low = 0;     // cheap first check before comparing text
  };
  size_t FindSlot(std::string_view text, uint64_t hash) const;
  void Grow();

  std::vector<Slot> slots_ = std::vector<Slot>(16);  // power of two, at most half full
  std::vector<uint32_t> offsets_ = {0};               // text of id i: [offsets_[i], offsets_[i + 1])
  std::string text_;
};

}  // namespace craftlink::matching::internal
