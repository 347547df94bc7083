#include "core/contact/french_prefixes.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>

namespace comptoir::french_prefixes {
namespace {

constexpr std::size_t kPrefixDigits = 5;
constexpr std::size_t kPrefixes = 100000;
constexpr std::size_t kMaxGroupings = 64;  // France uses a few; more means something unexpected

// Per prefix: 0 not seen yet, -1 always parsed in full, k > 0 valid with grouping k - 1. A grouping
// is the display with each digit replaced by 'd' ("dd dd dd dd dd"), written once, before the
// prefix that uses it is published (release/acquire), and never changed after.
struct Memory {
    std::array<std::atomic<std::int8_t>, kPrefixes> state{};
    std::array<std::string, kMaxGroupings> groupings;
    std::size_t used = 0;
    std::mutex writing;
};

Memory& memory() {
    static Memory m;
    return m;
}

std::size_t prefix_of(const std::string& nsn) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < kPrefixDigits; ++i) n = n * 10 + static_cast<std::size_t>(nsn[i] - '0');
    return n;
}

// The display's grouping, when its digits are exactly the national form ("0" + nsn) in order.
std::optional<std::string> grouping_of(const std::string& display, const std::string& nsn) {
    const std::string national = "0" + nsn;
    std::string grouping;
    std::size_t next = 0;
    for (char c : display) {
        if (c >= '0' && c <= '9') {
            if (next >= national.size() || national[next] != c) return std::nullopt;
            ++next;
            grouping += 'd';
        } else {
            grouping += c;
        }
    }
    if (next != national.size()) return std::nullopt;
    return grouping;
}

}  // namespace

std::optional<std::string> significant_digits(std::string_view typed) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const char c = typed[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && i == 0) plus = true;
        else if (c != ' ' && c != '.' && c != '-') return std::nullopt;
    }
    std::string_view rest;
    if (!plus && digits.size() == 10 && digits[0] == '0') rest = std::string_view(digits).substr(1);
    else if (plus && digits.size() == 11 && digits.starts_with("33")) rest = std::string_view(digits).substr(2);
    else if (!plus && digits.size() == 13 && digits.starts_with("0033")) rest = std::string_view(digits).substr(4);
    else return std::nullopt;
    if (rest.front() == '0') return std::nullopt;
    return std::string(rest);
}

std::optional<PhoneNumber> known(const std::string& nsn) {
    auto& m = memory();
    const std::int8_t state = m.state[prefix_of(nsn)].load(std::memory_order_acquire);
    if (state <= 0) return std::nullopt;
    const std::string& grouping = m.groupings[static_cast<std::size_t>(state - 1)];
    PhoneNumber out{"+33" + nsn, "", "FR"};
    out.display.reserve(grouping.size());
    std::size_t next = 0;
    const std::string national = "0" + nsn;
    for (char c : grouping) out.display += c == 'd' ? national[next++] : c;
    return out;
}

void learn(const std::string& nsn, const PhoneNumber* parsed) {
    auto& m = memory();
    auto& state = m.state[prefix_of(nsn)];
    if (state.load(std::memory_order_acquire) != 0) return;
    std::optional<std::string> grouping;
    if (parsed && parsed->region == "FR" && parsed->e164 == "+33" + nsn) grouping = grouping_of(parsed->display, nsn);
    std::lock_guard lock(m.writing);
    if (state.load(std::memory_order_relaxed) != 0) return;
    if (!grouping) {
        state.store(-1, std::memory_order_release);
        return;
    }
    std::size_t k = 0;
    while (k < m.used && m.groupings[k] != *grouping) ++k;
    if (k == m.used) {
        if (m.used == kMaxGroupings) {
            state.store(-1, std::memory_order_release);
            return;
        }
        m.groupings[m.used++] = *grouping;
    }
    state.store(static_cast<std::int8_t>(k + 1), std::memory_order_release);
}

}  // namespace comptoir::french_prefixes
