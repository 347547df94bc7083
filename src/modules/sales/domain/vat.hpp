// VAT as it appears on a French invoice and in its EN 16931 data: a category (UNTDID 5305 code),
// a rate, and for every 0 % other than "zero rated" the reason the supply bears no VAT, printed as
// the legal mention and sent as a VATEX code (CEF VATEX code list, plus the French VATEX-FR-FRANCHISE).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/money/decimal.hpp"

namespace comptoir::sales {

// EN 16931 VAT category codes (BT-118 / BT-151 / BT-95). L (Canary Islands) and M (Ceuta/Melilla)
// are out of scope for a French seller.
enum class VatCategory {
    Standard,        // S: a positive rate (20, 10, 5.5, 2.1 % in metropolitan France)
    ZeroRated,       // Z: taxable at 0 % (rare in France)
    Exempt,          // E: exempt (franchise en base, disbursements, medical, training…)
    ReverseCharge,   // AE: VAT due by the buyer (autoliquidation)
    IntraCommunity,  // K: intra-community supply of goods, exempt
    Export,          // G: export outside the EU, exempt
    OutsideScope,    // O: services outside the scope of French VAT
};

inline constexpr std::array<VatCategory, 7> kAllVatCategories = {
    VatCategory::Standard,      VatCategory::ZeroRated, VatCategory::Exempt,      VatCategory::ReverseCharge,
    VatCategory::IntraCommunity, VatCategory::Export,   VatCategory::OutsideScope};

std::string_view to_code(VatCategory category);  // "S", "Z", "E", "AE", "K", "G", "O"
// Case and surrounding spaces ignored. Issue: vat_category.unknown.
Checked<VatCategory> parse_vat_category(std::string_view code);
std::string_view label_fr(VatCategory category);
std::string_view label_en(VatCategory category);

// Why a line bears no VAT. Each reason belongs to exactly one category and carries the mention
// the CGI requires on the invoice (art. 242 nonies A, I 11° to 13°) and its VATEX code.
enum class VatExemption {
    None,
    FranchiseEnBase,            // E, VATEX-FR-FRANCHISE: micro-entrepreneurs under the VAT threshold (art. 293 B)
    Disbursement,               // E, VATEX-EU-79-C: débours re-invoiced at cost in the client's name (art. 267 II 2°)
    GeneralInterest,            // E, VATEX-EU-132: medical care, education, vocational training… (art. 261)
    ReverseCharge,              // AE, VATEX-EU-AE: services to an EU business (art. 283-2 and 259-1)
    ReverseChargeConstruction,  // AE, VATEX-EU-AE: building work subcontracted to a VAT-registered contractor (art. 283-2 nonies)
    IntraCommunitySupply,       // K, VATEX-EU-IC: goods shipped to an EU business (art. 262 ter I)
    Export,                     // G, VATEX-EU-G: goods exported outside the EU (art. 262 I)
    OutsideScope,               // O, VATEX-EU-O: services to a business outside the EU (art. 259-1)
};

inline constexpr std::array<VatExemption, 8> kAllVatExemptions = {
    VatExemption::FranchiseEnBase,          VatExemption::Disbursement,         VatExemption::GeneralInterest,
    VatExemption::ReverseCharge,            VatExemption::ReverseChargeConstruction,
    VatExemption::IntraCommunitySupply,     VatExemption::Export,               VatExemption::OutsideScope};

// Our stable storage/API code ("franchise_en_base", "reverse_charge"…; "" for None). Two reasons can
// share a VATEX code (both reverse charges are VATEX-EU-AE), so the VATEX code is not the key.
std::string_view to_code(VatExemption exemption);
// Case and surrounding spaces ignored; "" and "none" give None. Issue: vat_exemption.unknown.
Checked<VatExemption> parse_vat_exemption(std::string_view code);
std::string_view vatex_code(VatExemption exemption);  // BT-121, "" for None
VatCategory category_of(VatExemption exemption);      // Standard for None
std::string_view mention_fr(VatExemption exemption);  // BT-120 and the PDF, e.g. "TVA non applicable, art. 293 B du CGI"
std::string_view mention_en(VatExemption exemption);

// The VAT of a line: what groups lines into one row of the VAT breakdown (BG-23).
struct VatRate {
    VatCategory category = VatCategory::Standard;
    Decimal percent;  // 20 means 20 %
    VatExemption exemption = VatExemption::None;

    friend bool operator==(const VatRate&, const VatRate&) = default;
};

VatRate standard_rate(Decimal percent);    // category S, no exemption
VatRate exempt_rate(VatExemption reason);  // 0 % in the reason's category
VatRate zero_rated();                      // category Z, 0 %, no exemption

// The four rates of metropolitan France, highest first: 20, 10, 5.5, 2.1. (Corsica and the
// overseas departments have others; a Standard rate is therefore not restricted to this list.)
std::vector<Decimal> french_standard_rates();

// EN 16931 rules on a line's VAT (BR-S-05, BR-Z-05/10, BR-E-05/10, BR-AE-05/10, BR-IC-05/10,
// BR-G-05/10, BR-O-05/10):
//   - a rate is between 0 and 100 % (issue vat.rate_range);
//   - Standard needs a positive rate and no exemption: a 0 % line must say why it bears no VAT
//     (vat.zero_standard_rate, vat.unexpected_exemption);
//   - Zero rated is 0 % with no exemption reason (EN 16931 forbids one: BR-Z-10);
//   - Exempt, reverse charge, intra-community, export and outside scope are 0 % and need a reason
//     of their own category (vat.rate_must_be_zero, vat.exemption_required, vat.exemption_mismatch).
Checked<VatRate> check_vat_rate(const VatRate& vat);

}  // namespace comptoir::sales
