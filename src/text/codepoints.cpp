#include "text/codepoints.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

namespace craftlink::text {
namespace {

bool IsHan(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(c, &status) != USCRIPT_HAN || U_FAILURE(status)) return false;
  // Radicals and strokes are Han-script symbols, not ideographs; 〇 is a letter number.
  return u_isalpha(c) || u_charType(c) == U_LETTER_NUMBER;
}

bool IsAlnumOrMark(UChar32 c) {
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

}  // namespace

const CharTable& CharTable::Get() {
  static const CharTable* const table = new CharTable();  // never destroyed: used from static destructors
  return *table;
}

CharTable::CharTable() {
  for (char32_t cp = 0; cp < 0x10000; ++cp) bmp_[cp] = ComputeBits(cp);
}

uint8_t CharTable::SupplementaryBits(char32_t cp) { return ComputeBits(cp); }

uint8_t CharTable::ComputeBits(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  uint8_t bits = 0;
  if (IsHan(c)) {
    bits |= kCharHan;
  } else if (IsAlnumOrMark(c)) {
    bits |= kCharAlnum;
  }
  // A string of characters that are all NFKC_QC=yes with combining class 0 is
  // already NFKC, which lets the normaliser skip ICU for most text.
  if (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) != UNORM_YES || u_getCombiningClass(c) != 0) {
    bits |= kCharNfkcUnsafe;
  }
  if (u_tolower(c) != c) bits |= kCharHasLower;
  return bits;
}

char32_t CharTable::ToLower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
}

}  // namespace craftlink::text
