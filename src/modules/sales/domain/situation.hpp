// Situation (progress) invoices, as French building trades issue them: the contract (the accepted
// quote or order) is billed in instalments as the work progresses, each situation stating per line
// the cumulative percentage completed to date.
//
// What a situation bills for a line is the difference between two cumulative amounts:
//   cumulative amount = round2(contract line net × cumulative % / 100)
//   this situation    = cumulative amount now − cumulative amount at the previous situation
// Computing from cumulative amounts (not round2(net × difference of percentages)) makes the
// situations telescope: whatever the percentages, once a line reaches 100 % its situations add up
// to its contract net exactly, to the cent.
//
// Each situation invoice is an invoice of its own: its lines are the amounts billed this time (the
// previous situations are thus deducted, and shown in the statement), and its VAT is computed by
// compute_totals() per rate on those amounts, like any invoice. Its totals including VAT may
// therefore differ by a cent per rate from the contract's when summed over all situations — each
// invoice rounds its own VAT, as the law requires.
//
// The situation's lines are expressed as quantity 1 (or -1 for a negative contract line) at a unit
// price equal to the amount billed, so the one line formula gives that amount exactly and the
// e-invoice carries the real amount billed, never the contract's (a known failure elsewhere:
// Dolibarr community modules #258). The statement (`lines`) keeps the contract amounts and
// percentages for the PDF.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/totals.hpp"

namespace comptoir::sales {

struct LineProgress {
    Decimal previous_percent;  // cumulative % at the previous situation (0 for the first)
    Decimal current_percent;   // cumulative % now
};

struct SituationLine {
    std::size_t line_index;  // in the contract
    Money contract_net;      // the line's net on the contract (BT-131 there)
    Decimal previous_percent;
    Decimal current_percent;
    Money previous_amount;    // billed by earlier situations: round2(contract net × previous %)
    Money cumulative_amount;  // billed to date, this situation included
    Money this_amount;        // billed by this situation
};

struct Situation {
    std::vector<SituationLine> lines;          // one per contract item, in order: the statement
    std::vector<DocumentLine> invoice_lines;   // one per contract line (titles and notes kept), for compute_totals
    Money contract_net;                        // Σ contract line nets (before any document discount)
    Money previous_amount;                     // Σ billed by earlier situations
    Money cumulative_amount;                   // Σ billed to date
    Money this_amount;                         // Σ billed now
    Totals totals;                             // compute_totals(invoice_lines, adjustments)
};

// `progress` has one entry per contract line (entries of non-item lines are ignored).
// `adjustments` are those of this situation invoice: the contract's document discount, the deposits
// deducted (prepaid) and the retention guarantee (usually 5 %, deducted from what is paid now).
// Issues, all reported at once: situation.progress_count (field "progress"), and per line
// ("lines[i].progress"): situation.percent_range (a percentage outside 0-100),
// situation.progress_decreasing (the cumulative percentage went down); plus any issue of the
// contract lines or the adjustments.
Result<Situation> compute_situation(std::span<const DocumentLine> contract, std::span<const LineProgress> progress,
                                    const DocumentAdjustments& adjustments = {});

}  // namespace comptoir::sales
