// The totals of a commercial document, computed EXACTLY as EN 16931 defines them, in this one
// function. The screen, the PDF, the Factur-X/UBL data and the accounting entries all read its
// result; none of them adds or rounds amounts on its own, so they cannot disagree by a cent.
//
//   line net (BT-131)      = round2(quantity × net unit price)            (net price: document_line.hpp)
//   sum of lines (BT-106)  = Σ line nets                                   BR-CO-10
//   per VAT row (BG-23), one row per (category, rate, exemption reason):
//     allowance (BG-20)    = round2(Σ line nets of the row × document discount %)
//     basis (BT-116)       = Σ line nets of the row − its allowance          BR-S-08 (and -Z/-E/-AE/-K/-G/-O-08)
//     VAT (BT-117)         = round2(basis × rate)                            BR-CO-17, BR-S-09
//   allowances (BT-107)    = Σ row allowances                                BR-CO-11
//   total excl. VAT (BT-109) = BT-106 − BT-107                               BR-CO-13
//   total VAT (BT-110)     = Σ row VAT                                       BR-CO-14
//   total incl. VAT (BT-112) = BT-109 + BT-110                               BR-CO-15
//   amount due (BT-115)    = BT-112 − prepaid (BT-113)                       BR-CO-16
// VAT is computed per rate on the sum of the lines, never per line and summed: per-line VAT drifts
// by cents (EN 16931 issue #143) and French law asks for "par taux d'imposition, le total hors taxe
// et la taxe correspondante" (CGI ann. II art. 242 nonies A I 10°). Rounding: half away from zero.
//
// The document discount (remise globale) is one percentage applied to each VAT row, so that each
// row keeps its own basis and VAT and the allowance is an EN 16931 document-level allowance with a
// VAT category and rate (BR-32, BR-33) — the only way a global discount changes the VAT correctly.
//
// The retention guarantee (retenue de garantie, loi n° 71-584 du 16 juillet 1971, at most 5 % of
// the works) is deducted from what the client pays now; it is not a discount and does not change
// the VAT or the amount due (BT-115): the e-invoice states it as a note and a payment term.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/vat.hpp"

namespace comptoir::sales {

inline constexpr int kMaxRetentionPercent = 5;  // loi n° 71-584, art. 1

struct DocumentAdjustments {
    Decimal discount_percent;   // document discount, 0 to 100 (issue totals.discount_range)
    Money prepaid;              // BT-113: deposits invoiced and deducted here, ≥ 0 (totals.negative_prepaid)
    Decimal retention_percent;  // retenue de garantie, 0 to 5 (totals.retention_range)
};

struct LineAmounts {
    Decimal net_unit_price;  // BT-146, items only
    Money net;               // BT-131, items only
    Money subtotal;          // subtotal lines only: the items since the last section title or subtotal
};

struct SectionTotal {
    std::size_t line_index;  // the section title's line
    Money net;               // its items up to the next section title (subtotal lines do not end a section)
};

struct VatBreakdown {
    VatRate vat;       // BT-118 category, BT-119 rate, BT-120/121 exemption
    Money lines_net;   // Σ BT-131 of the row's lines (BT-93, the allowance base)
    Money allowance;   // BT-92: the document discount's share of this row
    Money basis;       // BT-116
    Money vat_amount;  // BT-117
};

struct Totals {
    std::vector<LineAmounts> lines;      // one per input line, same order
    std::vector<SectionTotal> sections;  // in document order
    // Ordered by category (S, Z, E, AE, K, G, O), then rate (highest first), then exemption reason.
    std::vector<VatBreakdown> vat;
    Decimal discount_percent;
    Money lines_net;       // BT-106
    Money allowances;      // BT-107
    Money total_excl_vat;  // BT-109
    Money total_vat;       // BT-110
    Money total_incl_vat;  // BT-112
    Money prepaid;         // BT-113
    Money amount_due;      // BT-115
    Decimal retention_percent;
    Money retention;       // round2(total incl. VAT × retention %)
    Money payable;         // amount due − retention: what the client pays now
};

// Validates the lines (check_lines) and the adjustments, reporting every problem at once; then
// computes. An amount too large to compute is reported on its line (totals.too_large), never wrapped.
Result<Totals> compute_totals(std::span<const DocumentLine> lines, const DocumentAdjustments& adjustments = {});

}  // namespace comptoir::sales
