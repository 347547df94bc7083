#include "modules/einvoice/model/invoice.hpp"

#include <array>
#include <cstdlib>

namespace comptoir::einvoice {
namespace {

struct ProfileInfo {
    Profile profile;
    std::string_view code, guideline, level;
};

constexpr std::array<ProfileInfo, 5> kProfiles = {{
    {Profile::Minimum, "minimum", "urn:factur-x.eu:1p0:minimum", "MINIMUM"},
    {Profile::BasicWl, "basic_wl", "urn:factur-x.eu:1p0:basicwl", "BASIC WL"},
    {Profile::Basic, "basic", "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "BASIC"},
    {Profile::En16931, "en16931", "urn:cen.eu:en16931:2017", "EN 16931"},
    {Profile::Extended, "extended", "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", "EXTENDED"},
}};

const ProfileInfo& info(Profile p) {
    for (const auto& i : kProfiles)
        if (i.profile == p) return i;
    return kProfiles[3];
}

}  // namespace

std::string_view to_code(Profile p) { return info(p).code; }
std::string_view guideline_id(Profile p) { return info(p).guideline; }
std::string_view conformance_level(Profile p) { return info(p).level; }

std::optional<Profile> parse_profile(std::string_view code) {
    for (const auto& i : kProfiles)
        if (i.code == code) return i.profile;
    return std::nullopt;
}

std::optional<Profile> profile_of_guideline(std::string_view id) {
    for (const auto& i : kProfiles)
        if (i.guideline == id) return i.profile;
    // ZUGFeRD 2.x and XRechnung name the same profiles with identifiers of their own.
    if (id == "urn:zugferd.de:2p0:minimum") return Profile::Minimum;
    if (id == "urn:zugferd.de:2p0:basicwl") return Profile::BasicWl;
    if (id == "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic") return Profile::Basic;
    if (id == "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended" ||
        id == "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended")
        return Profile::Extended;
    if (id.rfind("urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung", 0) == 0 ||
        id.rfind("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung", 0) == 0 ||
        id == "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:en16931" ||
        id == "urn:fdc:peppol.eu:2017:poacc:billing:3.0" ||
        id == "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0")
        return Profile::En16931;
    return std::nullopt;
}

Profile guess_profile(std::string_view id) {
    auto has = [&](std::string_view s) { return id.find(s) != std::string_view::npos; };
    if (has("minimum")) return Profile::Minimum;
    if (has("basicwl")) return Profile::BasicWl;
    if (has("extended")) return Profile::Extended;
    if (has("basic")) return Profile::Basic;
    return Profile::En16931;
}

bool is_credit_note_type(std::string_view t) {
    return t == "381" || t == "261" || t == "262" || t == "396" || t == "502" || t == "503";
}

std::string decimal_text(Decimal d, int min_places) {
    std::int64_t m = d.mantissa();
    const bool negative = m < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m + 1)) + 1 : static_cast<std::uint64_t>(m);
    const std::uint64_t units = abs / Decimal::kOne;
    std::string frac = std::to_string(abs % Decimal::kOne);
    frac.insert(0, static_cast<std::size_t>(Decimal::kScale) - frac.size(), '0');
    while (static_cast<int>(frac.size()) > min_places && frac.back() == '0') frac.pop_back();
    std::string out = (negative ? "-" : "") + std::to_string(units);
    if (!frac.empty()) out += "." + frac;
    return out;
}

std::string amount_text(Decimal d) { return decimal_text(d, 2); }

}  // namespace comptoir::einvoice
