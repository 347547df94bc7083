#include "core/contact/phone.hpp"

#include <algorithm>
#include <array>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "core/contact/french_prefixes.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;
using LibPhoneNumber = i18n::phonenumbers::PhoneNumber;

// Regions whose numbers are dialled from France with a leading 0 (zones de numérotation élémentaires
// of the ARCEP plan): metropolitan France and the overseas departments. Their numbers are shown in
// national form, and the overseas ones are tried when a French user types a national number.
constexpr std::array<std::string_view, 8> kFrenchPlan = {"FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF"};
constexpr std::array<const char*, 5> kOverseas = {"RE", "GP", "MQ", "GF", "YT"};

bool in_french_plan(std::string_view region) {
    return std::find(kFrenchPlan.begin(), kFrenchPlan.end(), region) != kFrenchPlan.end();
}

const PhoneNumberUtil& util() { return *PhoneNumberUtil::GetInstance(); }  // thread-safe for reads

// Copies the accepted characters as ASCII into `out` (no-break spaces become spaces); false when
// anything else is present.
bool to_phone_ascii(std::string_view input, std::string& out) {
    out.clear();
    for (std::size_t pos = 0; pos < input.size();) {
        const char32_t cp = decode_utf8(input, pos);
        if ((cp >= U'0' && cp <= U'9') || cp == U'+' || cp == U'.' || cp == U'-' || cp == U'(' || cp == U')' ||
            cp == U'/' || cp == U' ' || cp == U'\t') {
            out.push_back(static_cast<char>(cp));
        } else if (cp == 0x00A0 || cp == 0x202F || cp == 0x2009) {
            out.push_back(' ');
        } else {
            return false;
        }
    }
    return true;
}

std::string digits_of(std::string_view s) {
    std::string d;
    for (char c : s) {
        if (c >= '0' && c <= '9') d.push_back(c);
    }
    return d;
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

std::string display_of(const LibPhoneNumber& number, const std::string& region) {
    std::string out;
    util().Format(number, in_french_plan(region) ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL, &out);
    return out;
}

bool parse_valid(const std::string& text, const std::string& region, LibPhoneNumber& number) {
    number.Clear();
    return util().Parse(text, region, &number) == PhoneNumberUtil::NO_PARSING_ERROR && util().IsValidNumber(number);
}

tl::unexpected<FieldIssue> invalid(std::string_view input, std::string_view why_fr, std::string_view why_en) {
    const std::string shown = quote_excerpt(trimmed(input));
    return reject("phone.invalid",
                  "« " + shown + " » n'est pas un numéro de téléphone valide : " + std::string(why_fr) + ".",
                  "\"" + shown + "\" is not a valid phone number: " + std::string(why_en) + ".");
}

// libphonenumber's whole parse of `text` (typed as `input`) in `region` (upper case).
Checked<PhoneNumber> parse_in_full(std::string_view input, const std::string& text, std::string region);

}  // namespace

Checked<PhoneNumber> parse_phone(std::string_view input, std::string_view default_region) {
    std::string text;
    if (!to_phone_ascii(input, text)) {
        return invalid(input, "seuls les chiffres, les espaces et les signes + . - ( ) sont acceptés",
                       "only digits, spaces and + . - ( ) are accepted");
    }
    text = trimmed(text);
    if (text.empty()) return reject("phone.empty", "Saisissez un numéro de téléphone.", "Enter a phone number.");
    if (text.size() > 40) return invalid(input, "il est beaucoup trop long", "it is far too long");

    std::string region(default_region);
    std::transform(region.begin(), region.end(), region.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
    // The usual shapes of a French number: answered from what the full parse said for its prefix.
    std::optional<std::string> nsn;
    if (region == "FR") nsn = french_prefixes::significant_digits(text);
    if (nsn)
        if (auto known = french_prefixes::known(*nsn)) return *known;
    auto parsed = parse_in_full(input, text, region);
    if (nsn) french_prefixes::learn(*nsn, parsed ? &*parsed : nullptr);
    return parsed;
}

namespace {

Checked<PhoneNumber> parse_in_full(std::string_view input, const std::string& text, std::string region) {
    if (util().GetCountryCodeForRegion(region) == 0) region = "ZZ";  // unknown: only +… numbers parse

    LibPhoneNumber number;
    bool valid = parse_valid(text, region, number);
    const bool international = text.find('+') != std::string::npos || digits_of(text).starts_with("00");
    if (!valid && !international && in_french_plan(region)) {
        for (const char* overseas : kOverseas) {
            LibPhoneNumber candidate;
            if (parse_valid(text, overseas, candidate)) {
                number = candidate;
                valid = true;
                break;
            }
        }
    }
    if (!valid) {
        LibPhoneNumber parsed;
        switch (util().Parse(text, region, &parsed)) {
            case PhoneNumberUtil::NO_PARSING_ERROR: break;
            case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
                if (region == "ZZ" && !international) {
                    return invalid(input, "ajoutez l'indicatif du pays (par exemple +33)",
                                   "add the country calling code (for example +33)");
                }
                return invalid(input, "l'indicatif du pays n'existe pas", "the country calling code does not exist");
            case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
            case PhoneNumberUtil::TOO_SHORT_NSN:
                return invalid(input, "il manque des chiffres", "digits are missing");
            case PhoneNumberUtil::TOO_LONG_NSN:
                return invalid(input, "il y a trop de chiffres", "it has too many digits");
            default:
                return invalid(input, "vérifiez la saisie", "please check it");
        }
        switch (util().IsPossibleNumberWithReason(parsed)) {
            case PhoneNumberUtil::INVALID_COUNTRY_CODE:
                return invalid(input, "l'indicatif du pays n'existe pas", "the country calling code does not exist");
            case PhoneNumberUtil::TOO_SHORT:
                return invalid(input, "il manque des chiffres", "digits are missing");
            case PhoneNumberUtil::TOO_LONG:
                return invalid(input, "il y a trop de chiffres", "it has too many digits");
            default:
                return invalid(input, "ce numéro n'est attribué à aucun abonné (vérifiez les chiffres et l'indicatif)",
                               "no such number is assigned (check the digits and the country code)");
        }
    }
    PhoneNumber out;
    util().Format(number, PhoneNumberUtil::E164, &out.e164);
    util().GetRegionCodeForNumber(number, &out.region);
    out.display = display_of(number, out.region);
    return out;
}

}  // namespace

std::string format_phone(std::string_view e164) {
    if (auto nsn = french_prefixes::significant_digits(e164))
        if (auto known = french_prefixes::known(*nsn)) return known->display;
    LibPhoneNumber number;
    const std::string text(e164);
    if (util().Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return text;
    std::string region;
    util().GetRegionCodeForNumber(number, &region);
    return display_of(number, region);
}

std::vector<std::string> phone_search_keys(std::string_view query) {
    std::string text;
    if (!to_phone_ascii(query, text) || text.find('/') != std::string::npos || text.find('\t') != std::string::npos) {
        return {};
    }
    text = trimmed(text);
    const std::string digits = digits_of(text);
    if (digits.size() < 4) return {};

    if (const auto full = parse_phone(text, "FR")) return {full->e164.substr(1)};

    std::vector<std::string> keys;
    const auto add = [&](std::string key) {
        if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    };
    add(digits);
    std::string international;  // digits after the international prefix, if any
    if (text.starts_with('+') || text.starts_with("(+")) {
        international = digits;
    } else if (digits.starts_with("00")) {
        international = digits.substr(2);
    } else if (digits.starts_with('0')) {
        add("33" + digits.substr(1));
    }
    if (international.starts_with("33")) {
        std::string rest = international.substr(2);
        if (rest.starts_with('0')) rest.erase(0, 1);  // "+33 (0)6…": French numbers never start with 0
        add("33" + rest);
        add("0" + rest);
    } else if (!international.empty()) {
        add(international);
    }
    return keys;
}

std::vector<std::string> phone_index_terms(std::string_view e164) {
    // Metropolitan French numbers (+33 and nine digits) are most of the base: their national form is
    // "0" and the same nine digits, so skip libphonenumber's parse (the costliest step of an import).
    if (e164.size() == 12 && e164.starts_with("+33") && e164[3] != '0' &&
        std::all_of(e164.begin() + 1, e164.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {std::string(e164.substr(1)), "0" + std::string(e164.substr(3))};
    LibPhoneNumber number;
    const std::string text(e164);
    if (util().Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        std::string digits = digits_of(text);
        if (digits.empty()) return {};
        return {digits};
    }
    std::string canonical;
    util().Format(number, PhoneNumberUtil::E164, &canonical);
    std::vector<std::string> terms{canonical.substr(1)};
    std::string region;
    util().GetRegionCodeForNumber(number, &region);
    if (in_french_plan(region)) {
        std::string national;
        util().Format(number, PhoneNumberUtil::NATIONAL, &national);
        national = digits_of(national);
        if (national != terms.front()) terms.push_back(national);
    }
    return terms;
}

}  // namespace comptoir
