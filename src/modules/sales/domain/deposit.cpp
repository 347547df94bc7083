#include "modules/sales/domain/deposit.hpp"

#include <optional>

#include "core/money/allocate.hpp"
#include "core/money/rounding.hpp"

namespace comptoir::sales {
namespace {

Error deposit_error(std::string code, std::string fr, std::string en) {
    return Error::invalid_field("deposit", std::move(code), std::move(fr), std::move(en));
}

// What a deposit line with this basis totals, VAT included, by the same rounding as compute_totals.
// Bases here are below 10^15 cents (compute_deposit checks), so nothing can overflow.
std::int64_t total_for(std::int64_t basis_cents, Decimal percent) {
    return basis_cents + percent_of(Money::from_cents(basis_cents), percent)->cents();
}

// Tracks one VAT row while the split is adjusted to the cent.
struct Bucket {
    VatRate vat;
    bool charged = false;     // the source row has a non-zero total: it may take part in the deposit
    std::int64_t target = 0;  // its proportional share of the deposit, VAT included
    std::int64_t basis = 0;
    std::int64_t total() const { return total_for(basis, vat.percent); }
    std::int64_t step_up() const { return total_for(basis + 1, vat.percent) - total(); }  // 1, or 2 at a skipped amount
    std::int64_t step_down() const { return basis > 0 ? total() - total_for(basis - 1, vat.percent) : 0; }
};

// The largest basis whose total including VAT does not exceed `target`. The estimate
// target / (1 + rate) is within a cent of it; the loops settle the rounding either way.
std::int64_t basis_for(std::int64_t target, Decimal percent) {
    __extension__ typedef __int128 Wide;
    const Wide hundred = Wide(100) * Decimal::kOne;
    std::int64_t b = static_cast<std::int64_t>(Wide(target) * hundred / (hundred + percent.mantissa()));
    while (b < target && total_for(b + 1, percent) <= target) ++b;
    while (b > 0 && total_for(b, percent) > target) --b;
    return b;
}

// Moves cents between buckets until their totals add up to `wanted` (each bucket starts at or below
// its share, so the gap is a few cents at most). Returns the cents still missing (0 or 1).
std::int64_t settle(std::vector<Bucket>& buckets, std::int64_t wanted) {
    std::int64_t sum = 0;
    for (const Bucket& b : buckets) sum += b.total();
    std::int64_t missing = wanted - sum;
    while (missing > 0) {
        // The bucket that can take the smallest step without overshooting; among equals, the one
        // furthest below its share, so proportions stay as close as possible.
        // A source row totalling zero never takes a cent: the deposit must not bill VAT at a rate the
        // source does not charge.
        Bucket* best = nullptr;
        for (Bucket& b : buckets) {
            const std::int64_t step = b.step_up();
            if (!b.charged || step > missing) continue;
            if (!best || step < best->step_up() ||
                (step == best->step_up() && b.target - b.total() > best->target - best->total())) {
                best = &b;
            }
        }
        if (best) {
            missing -= best->step_up();
            ++best->basis;
            continue;
        }
        // One cent missing and every bucket jumps by two: raise one by two, lower another by one.
        for (Bucket& up : buckets) {
            if (!up.charged || up.step_up() != 2) continue;
            for (Bucket& down : buckets) {
                if (&down == &up || down.step_down() != 1) continue;
                ++up.basis;
                --down.basis;
                return 0;
            }
        }
        break;
    }
    return missing;
}

}  // namespace

Result<Deposit> compute_deposit(const Totals& source, const DepositRequest& request, Money already_invoiced) {
    if (source.total_incl_vat.cents() <= 0) {
        return fail(deposit_error("deposit.source_not_positive",
                                  "Un acompte se calcule sur un document dont le total TTC est positif.",
                                  "A deposit needs a document whose total including VAT is positive."));
    }
    if (already_invoiced.is_negative()) {
        return fail(Error::invalid_field("already_invoiced", "deposit.negative_already_invoiced",
                                         "Le montant des acomptes déjà facturés ne peut pas être négatif.",
                                         "The amount of deposits already invoiced cannot be negative."));
    }
    std::vector<Money> weights;
    for (const VatBreakdown& row : source.vat) {
        const auto gross = checked_add(row.basis, row.vat_amount);
        if (!gross) {
            return fail(deposit_error("totals.too_large", "Montant trop grand pour être calculé.", "Amount too large to compute."));
        }
        if (gross->is_negative()) {
            return fail(deposit_error("deposit.negative_row",
                                      "Un acompte ne peut pas être réparti quand un taux de TVA du document a un total "
                                      "négatif.",
                                      "A deposit cannot be split when one of the document's VAT rates has a negative "
                                      "total."));
        }
        weights.push_back(*gross);
    }

    Money requested = request.amount;
    if (request.kind == DepositRequest::Kind::Percent) {
        if (request.percent.mantissa() <= 0 || request.percent > Decimal::from_int(100)) {
            return fail(deposit_error("deposit.percent_range", "Le pourcentage d'acompte doit être compris entre 0 et 100 %.",
                                      "The deposit percentage must be between 0 and 100%."));
        }
        requested = *percent_of(source.total_incl_vat, request.percent);  // ≤ the total: no overflow
    }
    if (requested.cents() <= 0) {
        return fail(deposit_error("deposit.amount_not_positive", "Le montant de l'acompte doit être positif.",
                                  "The deposit amount must be positive."));
    }
    // Each part becomes a unit price, so it must fit a Decimal (±9.2 × 10^12 €); bounding the whole
    // deposit so also keeps every computation below far from overflow.
    if (!requested.to_decimal()) {
        return fail(deposit_error("totals.too_large", "Montant trop grand pour être calculé.", "Amount too large to compute."));
    }
    const Money remaining = source.total_incl_vat - already_invoiced;  // both ≥ 0: cannot overflow
    if (requested > remaining) {
        const Money left = remaining.is_negative() ? Money{} : remaining;
        return fail(deposit_error("deposit.exceeds_total",
                                  "L'acompte dépasse ce qui reste à facturer sur le document (" + left.to_display_fr() + ").",
                                  "The deposit exceeds what remains to be invoiced on the document (" +
                                      left.to_display_en() + ")."));
    }

    const auto shares = allocate(requested, weights);  // weights ≥ 0, and their sum is the positive total
    std::vector<Bucket> buckets;
    for (std::size_t k = 0; k < source.vat.size(); ++k) {
        const std::int64_t target = (*shares)[k].cents();
        buckets.push_back({source.vat[k].vat, !weights[k].is_zero(), target, basis_for(target, source.vat[k].vat.percent)});
    }
    const std::int64_t missing = settle(buckets, requested.cents());

    Deposit d;
    d.requested = requested;
    d.amount = Money::from_cents(requested.cents() - missing);
    for (const Bucket& b : buckets) {
        if (b.basis == 0) continue;
        const Money basis = Money::from_cents(b.basis);
        const Money vat = *percent_of(basis, b.vat.percent);
        d.parts.push_back({b.vat, basis, vat, basis + vat});
    }
    return d;
}

std::vector<DocumentLine> deposit_lines(const Deposit& deposit, std::string_view description) {
    std::vector<DocumentLine> lines;
    for (const DepositPart& part : deposit.parts) {
        DocumentLine line;
        line.kind = LineKind::Item;
        line.description = std::string(description);
        line.quantity = Decimal::from_int(1);
        line.unit_price = part.basis.to_decimal().value_or(Decimal{});  // compute_deposit checked the range
        line.vat = part.vat;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace comptoir::sales
