#include "modules/crm/exchange/text_decoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

#include "core/text/utf8.hpp"

namespace comptoir::crm::exchange {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

class Iconv {
public:
    explicit Iconv(const char* from) : handle_(iconv_open("UTF-8", from)) {
        if (handle_ == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(std::string("iconv_open ") + from);
    }
    ~Iconv() { iconv_close(handle_); }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    iconv_t get() const { return handle_; }

private:
    iconv_t handle_;
};

}  // namespace

std::string to_utf8(std::string_view bytes, const char* from) {
    Iconv cd(from);
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4 + 16);
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char buffer[16384];
    while (in_left > 0) {
        char* dst = buffer;
        std::size_t dst_left = sizeof buffer;
        std::size_t rc = iconv(cd.get(), &in, &in_left, &dst, &dst_left);
        out.append(buffer, dst - buffer);
        if (rc != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // EILSEQ (a byte the encoding leaves undefined) or EINVAL (a truncated sequence at the end):
        // one replacement character, then on with the next byte (UTF-16: the next unit).
        out += kReplacement;
        std::size_t skip = std::string_view(from).starts_with("UTF-16") ? 2 : 1;
        skip = std::min(skip, in_left);
        in += skip;
        in_left -= skip;
        iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    }
    return out;
}

std::optional<DecodedText> decode_text(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        std::string_view rest = bytes.substr(3);
        if (rest.find('\0') != std::string_view::npos) return std::nullopt;
        // A BOM promises UTF-8; a file that breaks the promise is read as best we can.
        return DecodedText{is_valid_utf8(rest) ? std::string(rest) : to_utf8(rest, "UTF-8"), "utf-8-bom"};
    }
    if (bytes.starts_with("\xFF\xFE")) return DecodedText{to_utf8(bytes.substr(2), "UTF-16LE"), "utf-16le"};
    if (bytes.starts_with("\xFE\xFF")) return DecodedText{to_utf8(bytes.substr(2), "UTF-16BE"), "utf-16be"};
    if (bytes.find('\0') != std::string_view::npos) return std::nullopt;
    if (is_valid_utf8(bytes)) return DecodedText{std::string(bytes), "utf-8"};
    return DecodedText{to_utf8(bytes, "WINDOWS-1252"), "windows-1252"};
}

}  // namespace comptoir::crm::exchange
