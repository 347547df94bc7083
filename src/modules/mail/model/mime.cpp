#include "modules/mail/model/mime.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace comptoir::mail {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Raw bytes per encoded word: 45 bytes give 60 base64 characters, 72 with "=?UTF-8?B?" and "?=".
constexpr std::size_t kWordBytes = 45;

bool plain_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7E) return false;
    return s.find("=?") == std::string_view::npos;
}

// The length of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0 && lead <= 0xF7) return 4;
    if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// ISO-8859-1 bytes as UTF-8.
std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// One "=?charset?X?text?=" word starting at `pos`: its decoded text and its length, or nothing.
bool decode_word(std::string_view value, std::size_t pos, std::string& out, std::size_t& length) {
    if (value.substr(pos, 2) != "=?") return false;
    const auto q1 = value.find('?', pos + 2);
    if (q1 == std::string_view::npos || q1 + 2 >= value.size() || value[q1 + 2] != '?') return false;
    const auto end = value.find("?=", q1 + 3);
    if (end == std::string_view::npos) return false;
    std::string charset(value.substr(pos + 2, q1 - pos - 2));
    for (auto& c : charset) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto star = charset.find('*'); star != std::string::npos) charset.resize(star);  // RFC 2231 language
    const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    const std::string_view text = value.substr(q1 + 3, end - q1 - 3);
    std::string bytes;
    if (encoding == 'B') {
        bool ok = true;
        bytes = base64_decode(text, &ok);
        if (!ok) return false;
    } else if (encoding == 'Q') {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '_') bytes += ' ';
            else if (text[i] == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
                bytes += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
                i += 2;
            } else {
                bytes += text[i];
            }
        }
    } else {
        return false;
    }
    out = charset == "iso-8859-1" || charset == "latin1" ? latin1_to_utf8(bytes) : bytes;
    length = end + 2 - pos;
    return true;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < bytes.size()) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string base64_decode(std::string_view text, bool* ok) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        const auto index = kAlphabet.find(c);
        if (index == std::string_view::npos || padding) {
            if (ok) *ok = false;
            return {};
        }
        buffer = (buffer << 6) | static_cast<unsigned>(index);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (ok) *ok = true;
    return out;
}

std::string quoted_printable_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && (text[i + 1] == '\r' || text[i + 1] == '\n')) {  // soft line break
            i += text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n' ? 2 : 1;
            continue;
        }
        if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += '=';
        }
    }
    return out;
}

std::string encode_header_text(std::string_view text) {
    std::string flat(text);
    for (auto& c : flat)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (plain_ascii(flat)) return flat;
    std::string out;
    for (std::size_t pos = 0; pos < flat.size();) {
        std::size_t end = pos;
        while (end < flat.size()) {
            const std::size_t next = end + sequence_length(static_cast<unsigned char>(flat[end]));
            if (next - pos > kWordBytes) break;
            end = std::min(next, flat.size());
        }
        if (end == pos) end = std::min(pos + kWordBytes, flat.size());  // cannot happen with valid UTF-8
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64_encode(std::string_view(flat).substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string decode_header_text(std::string_view value) {
    // Unfold first: CRLF followed by whitespace is not part of the value.
    std::string unfolded;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\r' || value[i] == '\n') continue;
        unfolded += value[i];
    }
    std::string out;
    std::string pending_space;  // whitespace after an encoded word, dropped if another word follows
    bool last_was_word = false;
    for (std::size_t pos = 0; pos < unfolded.size();) {
        std::string decoded;
        std::size_t length = 0;
        if (decode_word(unfolded, pos, decoded, length)) {
            if (!last_was_word) out += pending_space;
            pending_space.clear();
            out += decoded;
            pos += length;
            last_was_word = true;
            continue;
        }
        if (unfolded[pos] == ' ' || unfolded[pos] == '\t') {
            pending_space += unfolded[pos++];
            continue;
        }
        out += pending_space;
        pending_space.clear();
        out += unfolded[pos++];
        last_was_word = false;
    }
    return out + pending_space;
}

std::string format_mailbox(std::string_view name, std::string_view address) {
    std::string flat(name);
    for (auto& c : flat)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (flat.find_first_not_of(' ') == std::string::npos) return std::string(address);
    std::string shown;
    if (plain_ascii(flat)) {
        shown = "\"";
        for (char c : flat) {
            if (c == '"' || c == '\\') shown += '\\';
            shown += c;
        }
        shown += "\"";
    } else {
        shown = encode_header_text(flat);
    }
    return shown + " <" + std::string(address) + ">";
}

std::string rfc5322_date(TimePoint t) {
    static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::weekday wd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                  static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buf;
}

std::string make_message_id(std::string_view unique, std::string_view from_address) {
    std::string domain = "localhost";
    if (auto at = from_address.rfind('@'); at != std::string_view::npos && at + 1 < from_address.size())
        domain = std::string(from_address.substr(at + 1));
    return "<" + std::string(unique) + "@" + domain + ">";
}

std::string safe_filename(std::string_view name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        out += ok ? c : '-';
    }
    if (out.empty() || out.find_first_not_of("-.") == std::string::npos) return "document.pdf";
    return out;
}

}  // namespace comptoir::mail
