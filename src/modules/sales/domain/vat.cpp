#include "modules/sales/domain/vat.hpp"

#include <string>

#include "core/text/utf8.hpp"

namespace comptoir::sales {
namespace {

struct CategoryInfo {
    VatCategory category;
    std::string_view code;
    std::string_view fr;
    std::string_view en;
};

constexpr std::array<CategoryInfo, 7> kCategories = {{
    {VatCategory::Standard, "S", "Taux normal", "Standard rate"},
    {VatCategory::ZeroRated, "Z", "Taux zéro", "Zero rated"},
    {VatCategory::Exempt, "E", "Exonéré", "Exempt"},
    {VatCategory::ReverseCharge, "AE", "Autoliquidation", "Reverse charge"},
    {VatCategory::IntraCommunity, "K", "Livraison intracommunautaire", "Intra-community supply"},
    {VatCategory::Export, "G", "Exportation hors UE", "Export outside the EU"},
    {VatCategory::OutsideScope, "O", "Hors champ de la TVA", "Outside the scope of VAT"},
}};

struct ExemptionInfo {
    VatExemption exemption;
    std::string_view code;
    std::string_view vatex;
    VatCategory category;
    std::string_view fr;
    std::string_view en;
};

// The French mentions follow the wording the administration uses (BOI-TVA-DECLA-30-20-20-30 for
// the specific mentions); VATEX codes are those of the CEF code list, VATEX-FR-FRANCHISE from the
// French extension used by the FNFE rules.
constexpr std::array<ExemptionInfo, 9> kExemptions = {{
    {VatExemption::None, "", "", VatCategory::Standard, "", ""},
    {VatExemption::FranchiseEnBase, "franchise_en_base", "VATEX-FR-FRANCHISE", VatCategory::Exempt,
     "TVA non applicable, art. 293 B du CGI", "VAT not applicable, article 293 B of the French tax code (CGI)"},
    {VatExemption::Disbursement, "disbursement", "VATEX-EU-79-C", VatCategory::Exempt,
     "Débours : frais engagés au nom et pour le compte du client, hors base d'imposition (art. 267 II 2° du CGI)",
     "Disbursement: expenses incurred in the name and on behalf of the client, outside the taxable amount "
     "(article 267 II 2° of the CGI)"},
    {VatExemption::GeneralInterest, "general_interest", "VATEX-EU-132", VatCategory::Exempt,
     "Exonération de TVA, art. 261 du CGI", "VAT exempt, article 261 of the CGI"},
    {VatExemption::ReverseCharge, "reverse_charge", "VATEX-EU-AE", VatCategory::ReverseCharge, "Autoliquidation",
     "Reverse charge"},
    {VatExemption::ReverseChargeConstruction, "reverse_charge_construction", "VATEX-EU-AE", VatCategory::ReverseCharge,
     "Autoliquidation, art. 283-2 nonies du CGI", "Reverse charge, article 283-2 nonies of the CGI"},
    {VatExemption::IntraCommunitySupply, "intra_community_supply", "VATEX-EU-IC", VatCategory::IntraCommunity,
     "Exonération de TVA, art. 262 ter, I du CGI", "VAT exempt intra-community supply, article 262 ter I of the CGI"},
    {VatExemption::Export, "export", "VATEX-EU-G", VatCategory::Export, "Exonération de TVA, art. 262 I du CGI",
     "VAT exempt export, article 262 I of the CGI"},
    {VatExemption::OutsideScope, "outside_scope", "VATEX-EU-O", VatCategory::OutsideScope,
     "TVA non applicable, art. 259-1 du CGI", "VAT not applicable, article 259-1 of the CGI"},
}};

const CategoryInfo& info(VatCategory category) {
    for (const auto& c : kCategories) {
        if (c.category == category) return c;
    }
    return kCategories.front();
}

const ExemptionInfo& info(VatExemption exemption) {
    for (const auto& e : kExemptions) {
        if (e.exemption == exemption) return e;
    }
    return kExemptions.front();
}

std::string normalise(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    std::string out(s.substr(first, s.find_last_not_of(" \t") - first + 1));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

std::string_view to_code(VatCategory category) { return info(category).code; }
std::string_view label_fr(VatCategory category) { return info(category).fr; }
std::string_view label_en(VatCategory category) { return info(category).en; }

Checked<VatCategory> parse_vat_category(std::string_view code) {
    const std::string c = normalise(code);
    for (const auto& info : kCategories) {
        if (normalise(info.code) == c) return info.category;
    }
    const std::string shown = quote_excerpt(code);
    return reject("vat_category.unknown",
                  "« " + shown + " » n'est pas une catégorie de TVA connue (S, Z, E, AE, K, G ou O).",
                  "\"" + shown + "\" is not a known VAT category (S, Z, E, AE, K, G or O).");
}

std::string_view to_code(VatExemption exemption) { return info(exemption).code; }
std::string_view vatex_code(VatExemption exemption) { return info(exemption).vatex; }
VatCategory category_of(VatExemption exemption) { return info(exemption).category; }
std::string_view mention_fr(VatExemption exemption) { return info(exemption).fr; }
std::string_view mention_en(VatExemption exemption) { return info(exemption).en; }

Checked<VatExemption> parse_vat_exemption(std::string_view code) {
    const std::string c = normalise(code);
    if (c.empty() || c == "none") return VatExemption::None;
    for (const auto& info : kExemptions) {
        if (!info.code.empty() && info.code == c) return info.exemption;
    }
    const std::string shown = quote_excerpt(code);
    return reject("vat_exemption.unknown", "« " + shown + " » n'est pas un motif d'exonération de TVA connu.",
                  "\"" + shown + "\" is not a known VAT exemption reason.");
}

VatRate standard_rate(Decimal percent) { return {VatCategory::Standard, percent, VatExemption::None}; }
VatRate exempt_rate(VatExemption reason) { return {category_of(reason), Decimal{}, reason}; }
VatRate zero_rated() { return {VatCategory::ZeroRated, Decimal{}, VatExemption::None}; }

std::vector<Decimal> french_standard_rates() {
    return {Decimal::from_int(20), Decimal::from_int(10), Decimal::from_scaled(55, 1), Decimal::from_scaled(21, 1)};
}

Checked<VatRate> check_vat_rate(const VatRate& vat) {
    if (vat.percent.is_negative() || vat.percent >= Decimal::from_int(100)) {
        return reject("vat.rate_range", "Le taux de TVA doit être compris entre 0 et 100 %.",
                      "The VAT rate must be between 0 and 100%.");
    }
    const auto unexpected_exemption = [] {
        return reject("vat.unexpected_exemption",
                      "Un motif d'exonération ne s'indique que pour une ligne exonérée, autoliquidée, exportée ou "
                      "hors champ.",
                      "An exemption reason is only given for an exempt, reverse-charge, export or out-of-scope line.");
    };
    switch (vat.category) {
        case VatCategory::Standard:
            if (vat.percent.is_zero()) {
                return reject("vat.zero_standard_rate",
                              "Une ligne à 0 % doit indiquer pourquoi elle n'est pas soumise à la TVA : choisissez "
                              "une exonération, l'autoliquidation, l'export ou « hors champ », avec son motif.",
                              "A line at 0% must say why it bears no VAT: choose an exemption, reverse charge, "
                              "export or outside scope, with its reason.");
            }
            if (vat.exemption != VatExemption::None) return unexpected_exemption();
            return vat;
        case VatCategory::ZeroRated:
            if (!vat.percent.is_zero()) {
                return reject("vat.rate_must_be_zero", "Le taux zéro s'applique à 0 %.", "Zero rated means 0%.");
            }
            if (vat.exemption != VatExemption::None) return unexpected_exemption();  // BR-Z-10
            return vat;
        case VatCategory::Exempt:
        case VatCategory::ReverseCharge:
        case VatCategory::IntraCommunity:
        case VatCategory::Export:
        case VatCategory::OutsideScope:
            break;
    }
    if (!vat.percent.is_zero()) {
        return reject("vat.rate_must_be_zero",
                      "Une ligne « " + std::string(label_fr(vat.category)) + " » ne porte pas de TVA : son taux est 0 %.",
                      "A \"" + std::string(label_en(vat.category)) + "\" line bears no VAT: its rate is 0%.");
    }
    if (vat.exemption == VatExemption::None) {
        return reject("vat.exemption_required",
                      "Indiquez le motif d'exonération de TVA (mention obligatoire sur la facture).",
                      "Give the VAT exemption reason (a mandatory mention on the invoice).");
    }
    if (category_of(vat.exemption) != vat.category) {
        return reject("vat.exemption_mismatch",
                      "Le motif « " + std::string(mention_fr(vat.exemption)) + " » ne correspond pas à la catégorie « " +
                          std::string(label_fr(vat.category)) + " ».",
                      "The reason \"" + std::string(mention_en(vat.exemption)) + "\" does not match the category \"" +
                          std::string(label_en(vat.category)) + "\".");
    }
    return vat;
}

}  // namespace comptoir::sales
