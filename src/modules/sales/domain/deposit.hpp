// Deposit invoices (factures d'acompte): a share of a quote's or an order's total, invoiced before
// the work or the delivery, with the VAT of the supplies it pays for (CGI art. 269-2-a and c: VAT is
// due on deposits for services, and the deposit invoice must show it per rate).
//
// The deposit, an amount including VAT, is split across the source's VAT rows in proportion to their
// totals including VAT (largest remainder, so the parts add up exactly). Each part then becomes one
// line of the deposit invoice — quantity 1, unit price = the part's basis, the row's VAT — so that
// compute_totals() of those lines, the one formula every document goes through, gives exactly
// the deposit: each part's VAT is round2(basis × rate) as on any invoice, not a VAT "extracted" from
// an amount including VAT by a formula of its own.
//
// One subtlety: at a given rate, not every amount including VAT can be reached (at 20 %, a basis of
// 0.02 gives 0.02 and 0.03 gives 0.04: no basis gives 0.03). When a part lands on such an amount, a
// cent is moved to another part that can take it, keeping the sum exact; each part stays within a few
// cents of its exact share (4 at most over 400 000 random cases). Only when that is impossible — a
// single charged rate and an unreachable amount — is the deposit one cent below what was asked; the
// result then says so (`amount` < `requested`), and it never bills more than asked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/domain/vat.hpp"

namespace comptoir::sales {

struct DepositRequest {
    enum class Kind { Percent, Amount };
    Kind kind = Kind::Percent;
    Decimal percent;  // Percent: of the source total including VAT, 0 < percent ≤ 100
    Money amount;     // Amount: including VAT, 0 < amount

    static DepositRequest of_percent(Decimal p) { return {Kind::Percent, p, Money{}}; }
    static DepositRequest of_amount(Money a) { return {Kind::Amount, Decimal{}, a}; }
};

struct DepositPart {
    VatRate vat;
    Money basis;       // excluding VAT: the unit price of the deposit line
    Money vat_amount;  // round2(basis × rate)
    Money total;       // basis + VAT
};

struct Deposit {
    Money requested;                // percent of the source total, or the amount asked
    Money amount;                   // Σ part totals: equal to requested but in the case above
    std::vector<DepositPart> parts;  // one per source VAT row with a non-zero total, in its order
};

// `source` is compute_totals() of the quote or order; `already_invoiced` the total of its earlier
// deposits, so that deposits never exceed the source's total. Issues (field "deposit"):
// deposit.source_not_positive (nothing to take a deposit on), deposit.percent_range,
// deposit.amount_not_positive, deposit.exceeds_total, deposit.negative_row (a VAT row with a
// negative total: proportions would make no sense), totals.too_large; and
// deposit.negative_already_invoiced (field "already_invoiced").
Result<Deposit> compute_deposit(const Totals& source, const DepositRequest& request, Money already_invoiced = {});

// The lines of the deposit invoice: one item per part, "description" as designation, quantity 1,
// unit price = the part's basis, the part's VAT. compute_totals() of them gives `deposit.amount`.
std::vector<DocumentLine> deposit_lines(const Deposit& deposit, std::string_view description);

}  // namespace comptoir::sales
