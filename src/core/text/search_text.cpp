#include "core/text/search_text.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

// Why not an ICU Transliterator ("NFD; [:Nonspacing Mark:] Remove; NFC; Lower")? It is not
// thread-safe, costly to build, and slow per call. Normalizer2 instances are immutable singletons
// (thread-safe), and folding one code point at a time is exact here because we discard every
// combining mark anyway, so the canonical reordering that needs context never matters.

// Letters that Unicode does not decompose but a French user expects to match their ASCII spelling.
std::string_view spelled_out(UChar32 c) {
    switch (c) {
        case 0x0153: return "oe";  // œ
        case 0x00E6: return "ae";  // æ
        case 0x00F8: return "o";   // ø
        case 0x0142: return "l";   // ł
        case 0x0111: return "d";   // đ
        case 0x00F0: return "d";   // ð
        case 0x00FE: return "th";  // þ
        case 0x0131: return "i";   // ı
        case 0x0127: return "h";   // ħ
        // Modifier-letter apostrophes (ʼ ʻ) are typed by some keyboards for "l'": separators.
        case 0x02BB:
        case 0x02BC: return " ";
        default: return {};
    }
}

bool is_mark_or_format(int8_t type) {
    return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR;
}

bool is_word_char(int8_t type) {
    switch (type) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER:
        case U_DECIMAL_DIGIT_NUMBER:
        case U_LETTER_NUMBER:
        case U_OTHER_NUMBER:
        case U_COMBINING_SPACING_MARK:  // vowel signs of Indic scripts: part of the word
            return true;
        default:
            return false;
    }
}

void append_case_folded(std::string& out, UChar32 c) {
    icu::UnicodeString folded(c);
    folded.foldCase();
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 f = folded.char32At(i);
        if (is_mark_or_format(u_charType(f))) continue;
        if (auto s = spelled_out(f); !s.empty()) {
            out += s;
        } else {
            append_utf8(out, static_cast<char32_t>(f));
        }
    }
}

// The folded form of one code point: "" (dropped), " " (separator) or text, possibly with spaces.
std::string fold_code_point(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    icu::UnicodeString decomposed(c);
    if (U_SUCCESS(status)) {
        icu::UnicodeString tmp = nfkd->normalize(decomposed, status);
        if (U_SUCCESS(status)) decomposed = tmp;
    }
    std::string out;
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
        const UChar32 d = decomposed.char32At(i);
        const int8_t type = u_charType(d);
        if (is_mark_or_format(type)) continue;
        if (is_word_char(type)) {
            append_case_folded(out, d);
        } else {
            out.push_back(' ');
        }
    }
    return out;
}

// Precomputed folds for the blocks French text lives in (Latin-1, Latin Extended-A/B, Latin
// Extended Additional, General Punctuation such as ’ « » – …): no ICU call on the hot path.
struct FoldTable {
    static constexpr char32_t kRanges[][2] = {{0x80, 0x250}, {0x1E00, 0x1F00}, {0x2000, 0x2070}};
    std::array<std::vector<std::string>, 3> folds;

    FoldTable() {
        for (std::size_t r = 0; r < 3; ++r) {
            for (char32_t c = kRanges[r][0]; c < kRanges[r][1]; ++c) {
                folds[r].push_back(fold_code_point(static_cast<UChar32>(c)));
            }
        }
    }
    const std::string* find(char32_t c) const {
        for (std::size_t r = 0; r < 3; ++r) {
            if (c >= kRanges[r][0] && c < kRanges[r][1]) return &folds[r][c - kRanges[r][0]];
        }
        return nullptr;
    }
};

const FoldTable& fold_table() {
    static const FoldTable table;  // thread-safe one-time initialisation (C++11 magic statics)
    return table;
}

// ASCII: letters lowered, digits kept, everything else is a separator (0 in this table).
constexpr std::array<char, 128> kAsciiFold = [] {
    std::array<char, 128> t{};
    for (char c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = c;
    for (char c = 'a'; c <= 'z'; ++c) t[static_cast<unsigned char>(c)] = c;
    for (char c = 'A'; c <= 'Z'; ++c) t[static_cast<unsigned char>(c)] = static_cast<char>(c - 'A' + 'a');
    return t;
}();

void append_piece(std::string& out, std::string_view piece) {
    for (char ch : piece) {
        if (ch == ' ') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(ch);
        }
    }
}

}  // namespace

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    const FoldTable* table = nullptr;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const auto byte = static_cast<unsigned char>(utf8[pos]);
        if (byte < 0x80) {
            ++pos;
            if (const char f = kAsciiFold[byte]) {
                out.push_back(f);
            } else if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
            continue;
        }
        const char32_t cp = decode_utf8(utf8, pos);
        if (cp == kInvalidCodePoint) {
            append_piece(out, " ");
            continue;
        }
        if (!table) table = &fold_table();
        if (const std::string* folded = table->find(cp)) {
            append_piece(out, *folded);
        } else {
            append_piece(out, fold_code_point(static_cast<UChar32>(cp)));
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::vector<std::string> search_tokens(std::string_view utf8) {
    const std::string folded = fold(utf8);
    // Views into `folded` (which outlives them), so nothing dangles when `words` grows.
    std::vector<std::string_view> words;
    // Names and addresses have a handful of words: a linear scan beats hashing. Long notes switch
    // to a set so that deduplication stays linear.
    constexpr std::size_t kLinearLimit = 16;
    std::unordered_set<std::string_view> seen;
    const auto is_new = [&](std::string_view word) {
        if (words.size() < kLinearLimit) {
            return std::find(words.begin(), words.end(), word) == words.end();
        }
        if (seen.empty()) seen.insert(words.begin(), words.end());
        return seen.insert(word).second;
    };
    std::string_view rest = folded;
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        const std::string_view word = rest.substr(0, space);
        if (!word.empty() && is_new(word)) words.push_back(word);
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return {words.begin(), words.end()};
}

}  // namespace comptoir
