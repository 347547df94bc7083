#include "modules/einvoice/model/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

namespace comptoir::einvoice {
namespace {

// Sums of received amounts must never throw: an overflow is reported as a wrong total.
struct Sum {
    Decimal value;
    bool overflow = false;
    void add(Decimal d) {
        if (auto r = checked_add(value, d)) value = *r;
        else overflow = true;
    }
    void sub(Decimal d) {
        if (auto r = checked_sub(value, d)) value = *r;
        else overflow = true;
    }
};

bool two_decimals(Decimal d) { return d.mantissa() % 10000 == 0; }

std::string show(Decimal d) { return amount_text(d); }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string line_field(std::size_t i) { return "lines[" + std::to_string(i) + "]"; }

// The VAT categories, their names in the rules and in French.
struct CategoryInfo {
    std::string_view code, rule, fr;
};
constexpr std::array<CategoryInfo, 7> kCategories = {{
    {"S", "BR-S", "taux normal"},
    {"Z", "BR-Z", "taux zéro"},
    {"E", "BR-E", "exonéré"},
    {"AE", "BR-AE", "autoliquidation"},
    {"K", "BR-IC", "livraison intracommunautaire"},
    {"G", "BR-G", "exportation hors UE"},
    {"O", "BR-O", "hors champ de la TVA"},
}};

const CategoryInfo* category_info(std::string_view code) {
    for (const auto& c : kCategories)
        if (c.code == code) return &c;
    return nullptr;
}

class Checker {
public:
    explicit Checker(const Invoice& inv) : inv_(inv), lines_(has_lines(inv.profile)) {}

    std::vector<RuleViolation> run() {
        header();
        parties();
        if (lines_) {
            lines();
            allowances();
            vat_breakdown();
            categories();
        }
        totals();
        decimals();
        payment();
        french();
        return std::move(out_);
    }

private:
    void add(std::string rule, std::string term, std::string field, std::string fr, std::string en) {
        out_.push_back({std::move(rule), std::move(term), std::move(field), std::move(fr), std::move(en), false});
    }
    void warn(std::string rule, std::string term, std::string field, std::string fr, std::string en) {
        out_.push_back({std::move(rule), std::move(term), std::move(field), std::move(fr), std::move(en), true});
    }

    void header() {
        if (guideline_id(inv_.profile).empty())
            add("BR-01", "BT-24", "profile", "L'identifiant de spécification (profil) est obligatoire.",
                "The specification identifier is required.");
        if (inv_.number.empty())
            add("BR-02", "BT-1", "number", "Le numéro de facture est obligatoire.", "The invoice number is required.");
        if (inv_.issue_date.empty())
            add("BR-03", "BT-2", "issue_date", "La date d'émission est obligatoire.", "The issue date is required.");
        if (inv_.type_code.empty())
            add("BR-04", "BT-3", "type_code", "Le type de facture est obligatoire.", "The invoice type code is required.");
        if (inv_.currency.empty())
            add("BR-05", "BT-5", "currency", "La devise de la facture est obligatoire.", "The invoice currency is required.");
        for (std::size_t i = 0; i < inv_.preceding.size(); ++i)
            if (inv_.preceding[i].number.empty())
                add("BR-55", "BT-25", "preceding[" + std::to_string(i) + "]",
                    "Une facture antérieure référencée doit avoir son numéro.",
                    "A preceding invoice reference must have its number.");
    }

    void parties() {
        const Party& s = inv_.seller;
        const Party& b = inv_.buyer;
        if (s.name.empty())
            add("BR-06", "BT-27", "seller.name", "La raison sociale du vendeur est obligatoire.", "The seller name is required.");
        if (b.name.empty())
            add("BR-07", "BT-44", "client.name", "Le nom de l'acheteur est obligatoire.", "The buyer name is required.");
        if (s.address.empty())
            add("BR-08", "BG-5", "seller.address", "L'adresse postale du vendeur est obligatoire.",
                "The seller postal address is required.");
        if (s.address.country.empty())
            add("BR-09", "BT-40", "seller.country", "Le code pays de l'adresse du vendeur est obligatoire.",
                "The seller country code is required.");
        if (lines_) {
            if (b.address.empty())
                add("BR-10", "BG-8", "client.address", "L'adresse postale de l'acheteur est obligatoire.",
                    "The buyer postal address is required.");
            if (b.address.country.empty())
                add("BR-11", "BT-55", "client.country", "Le code pays de l'adresse de l'acheteur est obligatoire.",
                    "The buyer country code is required.");
        }
        if (s.ids.empty() && s.legal_id.value.empty() && s.vat_id.empty())
            add("BR-CO-26", "BT-29", "seller.siren",
                "Le vendeur doit être identifié : SIRET, SIREN ou numéro de TVA.",
                "The seller must be identified by an identifier, a legal registration or a VAT identifier.");
        // BR-CO-09: VAT identifiers start with the ISO country code (Greece: EL).
        auto vat_prefix_ok = [](const std::string& v) {
            return v.size() > 2 && std::isupper(static_cast<unsigned char>(v[0])) && std::isupper(static_cast<unsigned char>(v[1]));
        };
        if (!s.vat_id.empty() && !vat_prefix_ok(s.vat_id))
            add("BR-CO-09", "BT-31", "seller.vat_number",
                "Le numéro de TVA du vendeur doit commencer par le code du pays (FR…).",
                "The seller VAT identifier must start with its country code.");
        if (!b.vat_id.empty() && !vat_prefix_ok(b.vat_id))
            add("BR-CO-09", "BT-48", "client.vat_number",
                "Le numéro de TVA de l'acheteur doit commencer par le code du pays.",
                "The buyer VAT identifier must start with its country code.");
    }

    void lines() {
        if (inv_.lines.empty())
            add("BR-16", "BG-25", "lines", "La facture doit comporter au moins une ligne.", "The invoice must have at least one line.");
        for (std::size_t i = 0; i < inv_.lines.size(); ++i) {
            const Line& l = inv_.lines[i];
            const std::string f = line_field(i);
            const std::string n = "ligne " + (l.id.empty() ? std::to_string(i + 1) : l.id);
            const std::string en = "line " + (l.id.empty() ? std::to_string(i + 1) : l.id);
            if (l.id.empty()) add("BR-21", "BT-126", f, "Chaque ligne doit avoir un identifiant.", "Each line must have an identifier.");
            if (l.unit_code.empty())
                add("BR-23", "BT-130", f + ".unit", "L'unité de la " + n + " est obligatoire.", "The unit of " + en + " is required.");
            if (l.name.empty())
                add("BR-25", "BT-153", f + ".description", "La désignation de la " + n + " est obligatoire.",
                    "The item name of " + en + " is required.");
            if (l.net_price.is_negative())
                add("BR-27", "BT-146", f + ".unit_price", "Le prix net de la " + n + " ne peut pas être négatif.",
                    "The net price of " + en + " cannot be negative.");
            if (l.gross_price && l.gross_price->is_negative())
                add("BR-28", "BT-148", f + ".unit_price", "Le prix brut de la " + n + " ne peut pas être négatif.",
                    "The gross price of " + en + " cannot be negative.");
            if (l.vat_category.empty())
                add("BR-CO-04", "BT-151", f + ".vat", "La catégorie de TVA de la " + n + " est obligatoire.",
                    "The VAT category of " + en + " is required.");
            // Comptoir's own check (EN 16931 has no rule for it): the line amount is what its
            // quantity and price give, less its allowances, plus its charges (one cent of rounding).
            if (auto gross = checked_mul(l.quantity, l.net_price)) {
                std::optional<Decimal> per = l.base_quantity && !l.base_quantity->is_zero() ? checked_div(*gross, *l.base_quantity)
                                                                                          : std::optional<Decimal>(*gross);
                if (per) {
                    Sum expected;
                    expected.add(per->rounded(2));
                    for (const auto& a : l.allowances_charges) a.charge ? expected.add(a.amount) : expected.sub(a.amount);
                    auto diff = checked_sub(expected.value, l.net_amount);
                    if (!expected.overflow && diff && (diff->mantissa() > 10000 || diff->mantissa() < -10000))
                        warn("CPT-LINE", "BT-131", f,
                            "Montant de la " + n + " : " + show(l.net_amount) + " alors que quantité × prix net donne " +
                                show(expected.value) + ".",
                            "Amount of " + en + ": " + show(l.net_amount) + " whereas quantity × net price gives " +
                                show(expected.value) + ".");
                }
            }
            for (const auto& a : l.allowances_charges) {
                if (a.reason.empty() && a.reason_code.empty())
                    add(a.charge ? "BR-44" : "BR-42", a.charge ? "BT-144" : "BT-139", f,
                        std::string(a.charge ? "Les frais" : "La remise") + " de la " + n + " doi" + (a.charge ? "vent" : "t") +
                            " avoir un motif.",
                        "Each allowance or charge of " + en + " must have a reason.");
            }
        }
    }

    void allowances() {
        for (std::size_t i = 0; i < inv_.allowances_charges.size(); ++i) {
            const auto& a = inv_.allowances_charges[i];
            const std::string f = std::string(a.charge ? "charges" : "allowances") + "[" + std::to_string(i) + "]";
            if (a.vat_category.empty())
                add(a.charge ? "BR-37" : "BR-32", a.charge ? "BT-102" : "BT-95", f,
                    std::string(a.charge ? "Des frais" : "Une remise") + " au niveau du document doit indiquer sa catégorie de TVA.",
                    "A document level allowance or charge must have a VAT category.");
            if (a.reason.empty() && a.reason_code.empty())
                add(a.charge ? "BR-38" : "BR-33", a.charge ? "BT-104" : "BT-97", f,
                    std::string(a.charge ? "Des frais" : "Une remise") + " au niveau du document doit indiquer son motif.",
                    "A document level allowance or charge must have a reason.");
        }
    }

    void vat_breakdown() {
        if (inv_.vat.empty())
            add("BR-CO-18", "BG-23", "vat", "La facture doit comporter au moins une ligne de récapitulatif de TVA.",
                "The invoice must have at least one VAT breakdown.");
        for (std::size_t i = 0; i < inv_.vat.size(); ++i) {
            const auto& v = inv_.vat[i];
            const std::string f = "vat[" + std::to_string(i) + "]";
            if (v.category.empty())
                add("BR-47", "BT-118", f, "Chaque ligne du récapitulatif de TVA doit avoir sa catégorie.",
                    "Each VAT breakdown must have a VAT category code.");
            if (!v.rate && v.category != "O")
                add("BR-48", "BT-119", f, "Chaque ligne du récapitulatif de TVA doit avoir son taux.",
                    "Each VAT breakdown must have a VAT rate.");
            // BR-CO-17: VAT = basis × rate, rounded to two decimals; the CEN rules tolerate one unit
            // of currency (a currency without cents rounds to the unit).
            if (v.rate) {
                if (auto exact = checked_percent(v.taxable_amount, *v.rate)) {
                    auto expected = exact->rounded(2);
                    auto diff = checked_sub(expected, v.tax_amount);
                    if (!diff || diff->mantissa() > Decimal::kOne || diff->mantissa() < -Decimal::kOne)
                        add("BR-CO-17", "BT-117", f,
                            "La TVA à " + decimal_text(*v.rate, 0) + " % sur " + show(v.taxable_amount) + " vaut " +
                                show(expected) + ", pas " + show(v.tax_amount) + ".",
                            "VAT at " + decimal_text(*v.rate, 0) + " % on " + show(v.taxable_amount) + " is " + show(expected) +
                                ", not " + show(v.tax_amount) + ".");
                }
            }
        }
    }

    // The rules of each VAT category used by a line, an allowance or a charge.
    void categories() {
        struct Key {
            std::string category;
            std::int64_t rate;
            bool operator<(const Key& o) const { return std::tie(category, rate) < std::tie(o.category, o.rate); }
        };
        std::map<Key, Sum> expected_basis;
        std::set<std::string> used;
        const bool seller_vat = !inv_.seller.vat_id.empty() || !inv_.seller.tax_registration_id.empty();
        auto rate_of = [](const std::optional<Decimal>& r) { return r ? r->mantissa() : 0; };

        auto check_item = [&](const std::string& category, const std::optional<Decimal>& rate, const std::string& field,
                              const std::string& what_fr, const std::string& what_en, bool line) {
            const CategoryInfo* c = category_info(category);
            if (!c) {
                if (!category.empty())
                    add("BR-CO-04", line ? "BT-151" : "BT-95", field, what_fr + " : catégorie de TVA « " + category + " » inconnue.",
                        what_en + ": unknown VAT category " + category + ".");
                return;
            }
            used.insert(category);
            const std::string rule(c->rule);
            const std::string sfx = line ? "" : "";
            (void)sfx;
            // -05/-06/-07: the rate.
            const std::string rule_rate = rule + (line ? "-05" : "-06");
            if (category == "S") {
                if (!rate || rate->mantissa() <= 0)
                    add(rule_rate, line ? "BT-152" : "BT-96", field, what_fr + " : le taux normal doit être supérieur à zéro.",
                        what_en + ": the standard rate must be greater than zero.");
            } else if (category == "O") {
                if (rate)
                    add(rule_rate, line ? "BT-152" : "BT-96", field, what_fr + " : une opération hors champ n'a pas de taux de TVA.",
                        what_en + ": an item outside the scope of VAT has no VAT rate.");
            } else if (!rate || !rate->is_zero()) {
                add(rule_rate, line ? "BT-152" : "BT-96", field,
                    what_fr + " : le taux de TVA doit être 0 pour la catégorie « " + std::string(c->fr) + " ».",
                    what_en + ": the VAT rate must be 0 for category " + category + ".");
            }
            // -02/-03/-04: identifiers.
            const std::string rule_ids = rule + (line ? "-02" : "-03");
            if ((category == "S" || category == "Z" || category == "E") && !seller_vat)
                add(rule_ids, "BT-31", "seller.vat_number",
                    "Le numéro de TVA intracommunautaire du vendeur est obligatoire (catégorie « " + std::string(c->fr) + " »).",
                    "The seller VAT identifier is required (category " + category + ").");
            if ((category == "AE" || category == "K" || category == "G") && inv_.seller.vat_id.empty())
                add(rule_ids, "BT-31", "seller.vat_number",
                    "Le numéro de TVA intracommunautaire du vendeur est obligatoire (" + std::string(c->fr) + ").",
                    "The seller VAT identifier is required (category " + category + ").");
            if (category == "AE" && inv_.buyer.vat_id.empty() && inv_.buyer.legal_id.value.empty())
                add(rule_ids, "BT-48", "client.vat_number",
                    "En autoliquidation, le numéro de TVA ou le SIREN de l'acheteur est obligatoire.",
                    "With reverse charge, the buyer VAT identifier or legal registration is required.");
            if (category == "K" && inv_.buyer.vat_id.empty())
                add(rule_ids, "BT-48", "client.vat_number",
                    "Pour une livraison intracommunautaire, le numéro de TVA de l'acheteur est obligatoire.",
                    "For an intra-community supply, the buyer VAT identifier is required.");
            if (category == "O" && (!inv_.seller.vat_id.empty() || !inv_.buyer.vat_id.empty()))
                add(rule_ids, "BT-31", "seller.vat_number",
                    "Une facture hors champ de la TVA ne porte pas de numéro de TVA (vendeur ni acheteur).",
                    "An invoice outside the scope of VAT carries no seller or buyer VAT identifier.");
        };

        for (std::size_t i = 0; i < inv_.lines.size(); ++i) {
            const Line& l = inv_.lines[i];
            const std::string id = l.id.empty() ? std::to_string(i + 1) : l.id;
            check_item(l.vat_category, l.vat_rate, line_field(i) + ".vat", "Ligne " + id, "Line " + id, true);
            expected_basis[{l.vat_category, rate_of(l.vat_rate)}].add(l.net_amount);
        }
        for (std::size_t i = 0; i < inv_.allowances_charges.size(); ++i) {
            const auto& a = inv_.allowances_charges[i];
            check_item(a.vat_category, a.vat_rate, std::string(a.charge ? "charges" : "allowances") + "[" + std::to_string(i) + "]",
                       a.charge ? "Frais" : "Remise", a.charge ? "Charge" : "Allowance", false);
            auto& s = expected_basis[{a.vat_category, rate_of(a.vat_rate)}];
            if (a.charge) s.add(a.amount);
            else s.sub(a.amount);
        }

        // Breakdown rows: one per category and rate used (-01), basis (-08), VAT (-09), exemption (-10).
        std::map<std::string, int> rows_per_category;
        for (const auto& v : inv_.vat) ++rows_per_category[v.category];
        for (const auto& category : used) {
            const CategoryInfo* c = category_info(category);
            const std::string rule(c->rule);
            const int rows = rows_per_category[category];
            if (rows > 1 && category != "S")
                add(rule + "-01", "BG-23", "vat",
                    "Une facture électronique ne porte qu'un motif d'exonération par catégorie de TVA (« " + std::string(c->fr) +
                        " ») : émettez une facture par motif.",
                    "An EN 16931 invoice has one VAT breakdown (one exemption reason) per category: issue one invoice per reason.");
            else if (rows == 0)
                add(rule + "-01", "BG-23", "vat",
                    "Le récapitulatif de TVA doit comporter " + std::string(category == "S" ? "au moins une" : "une seule") +
                        " ligne pour la catégorie « " + std::string(c->fr) + " ».",
                    "The VAT breakdown must have " + std::string(category == "S" ? "at least one row" : "exactly one row") +
                        " for category " + category + ".");
        }
        if (used.count("O") && used.size() > 1)
            add("BR-O-11", "BG-23", "lines",
                "Une facture comportant une opération hors champ de la TVA ne peut pas comporter d'autres catégories de "
                "TVA : émettez deux factures.",
                "An invoice with an item outside the scope of VAT cannot have other VAT categories.");

        // -08: the basis of each (category, rate) is the sum of its lines, less allowances, plus charges.
        std::map<Key, Sum> stated_basis;
        std::map<Key, std::size_t> first_row;
        for (std::size_t i = 0; i < inv_.vat.size(); ++i) {
            const auto& v = inv_.vat[i];
            stated_basis[{v.category, rate_of(v.rate)}].add(v.taxable_amount);
            first_row.emplace(Key{v.category, rate_of(v.rate)}, i);
        }
        for (const auto& [key, stated] : stated_basis) {
            const CategoryInfo* c = category_info(key.category);
            if (!c) continue;
            auto it = expected_basis.find(key);
            const Decimal expected = it == expected_basis.end() ? Decimal{} : it->second.value;
            const auto& v = inv_.vat[first_row[key]];
            if (stated.overflow || (it != expected_basis.end() && it->second.overflow) || expected != stated.value)
                add(std::string(c->rule) + "-08", "BT-116", "vat[" + std::to_string(first_row[key]) + "]",
                    "Base de TVA « " + std::string(c->fr) + " »" + (v.rate ? " à " + decimal_text(*v.rate, 0) + " %" : "") +
                        " : " + show(stated.value) + " au lieu de " + show(expected) + " (somme des lignes, remises et frais).",
                    "VAT taxable amount for category " + key.category + ": " + show(stated.value) + " instead of " +
                        show(expected) + ".");
        }
        for (std::size_t i = 0; i < inv_.vat.size(); ++i) {
            const auto& v = inv_.vat[i];
            const CategoryInfo* c = category_info(v.category);
            if (!c) continue;
            const std::string rule(c->rule);
            const std::string f = "vat[" + std::to_string(i) + "]";
            if (v.category != "S" && !v.tax_amount.is_zero())
                add(rule + "-09", "BT-117", f, "La TVA de la catégorie « " + std::string(c->fr) + " » doit être nulle.",
                    "The VAT amount of category " + v.category + " must be zero.");
            const bool has_reason = !v.exemption_reason.empty() || !v.exemption_code.empty();
            if ((v.category == "S" || v.category == "Z") && has_reason)
                add(rule + "-10", "BT-120", f,
                    "Une ligne de TVA « " + std::string(c->fr) + " » ne porte pas de motif d'exonération.",
                    "A VAT breakdown of category " + v.category + " has no exemption reason.");
            if (v.category != "S" && v.category != "Z" && !has_reason)
                add(rule + "-10", "BT-120", f,
                    "La ligne de TVA « " + std::string(c->fr) + " » doit indiquer le motif d'exonération (mention légale ou "
                    "code VATEX).",
                    "The VAT breakdown of category " + v.category + " must give an exemption reason or code.");
        }
        // BR-IC-11/12: an intra-community supply states when and where the goods were delivered.
        if (used.count("K")) {
            if (inv_.delivery_date.empty() && inv_.period_start.empty())
                add("BR-IC-11", "BT-72", "delivery_date",
                    "Une livraison intracommunautaire doit indiquer la date de livraison ou la période de facturation.",
                    "An intra-community supply must give the actual delivery date or the invoicing period.");
            if (!inv_.delivery_address || inv_.delivery_address->country.empty())
                add("BR-IC-12", "BT-80", "client.delivery",
                    "Une livraison intracommunautaire doit indiquer le pays de livraison.",
                    "An intra-community supply must give the deliver-to country.");
        }
    }

    void totals() {
        const auto& t = inv_.totals;
        if (lines_ && !t.line_net)
            add("BR-12", "BT-106", "totals", "La somme des montants nets des lignes est obligatoire.", "The sum of line net amounts is required.");
        if (lines_ && t.line_net) {
            Sum s;
            for (const auto& l : inv_.lines) s.add(l.net_amount);
            if (s.overflow || s.value != *t.line_net)
                add("BR-CO-10", "BT-106", "totals",
                    "La somme des lignes (" + show(*t.line_net) + ") diffère du total des montants nets des lignes (" +
                        show(s.value) + ").",
                    "The sum of line net amounts (" + show(*t.line_net) + ") is not the total of the lines (" + show(s.value) + ").");
        }
        Sum allowances, charges;
        for (const auto& a : inv_.allowances_charges) (a.charge ? charges : allowances).add(a.amount);
        if (lines_ && allowances.value != t.allowances.value_or(Decimal{}))
            add("BR-CO-11", "BT-107", "totals", "Le total des remises ne correspond pas à la somme des remises du document.",
                "The sum of allowances does not match the document level allowances.");
        if (lines_ && charges.value != t.charges.value_or(Decimal{}))
            add("BR-CO-12", "BT-108", "totals", "Le total des frais ne correspond pas à la somme des frais du document.",
                "The sum of charges does not match the document level charges.");
        if (t.line_net) {
            Sum s;
            s.add(*t.line_net);
            s.sub(t.allowances.value_or(Decimal{}));
            s.add(t.charges.value_or(Decimal{}));
            if (s.overflow || s.value != t.tax_exclusive)
                add("BR-CO-13", "BT-109", "totals",
                    "Le total HT (" + show(t.tax_exclusive) + ") doit valoir la somme des lignes moins les remises plus les "
                    "frais (" + show(s.value) + ").",
                    "The total without VAT (" + show(t.tax_exclusive) + ") must be lines − allowances + charges (" + show(s.value) + ").");
        }
        if (lines_) {
            Sum vat;
            for (const auto& v : inv_.vat) vat.add(v.tax_amount);
            if (vat.overflow || vat.value != t.tax_amount.value_or(Decimal{}))
                add("BR-CO-14", "BT-110", "totals",
                    "Le total de TVA (" + show(t.tax_amount.value_or(Decimal{})) + ") doit valoir la somme du récapitulatif (" +
                        show(vat.value) + ").",
                    "The VAT total (" + show(t.tax_amount.value_or(Decimal{})) + ") must be the sum of the breakdown (" +
                        show(vat.value) + ").");
        }
        {
            Sum s;
            s.add(t.tax_exclusive);
            s.add(t.tax_amount.value_or(Decimal{}));
            if (s.overflow || s.value != t.tax_inclusive)
                add("BR-CO-15", "BT-112", "totals",
                    "Le total TTC (" + show(t.tax_inclusive) + ") doit valoir le total HT plus la TVA (" + show(s.value) + ").",
                    "The total with VAT (" + show(t.tax_inclusive) + ") must be the total without VAT plus VAT (" + show(s.value) + ").");
        }
        {
            Sum s;
            s.add(t.tax_inclusive);
            s.sub(t.prepaid.value_or(Decimal{}));
            s.add(t.rounding.value_or(Decimal{}));
            if (s.overflow || s.value != t.payable)
                add("BR-CO-16", "BT-115", "totals",
                    "Le montant à payer (" + show(t.payable) + ") doit valoir le total TTC moins les acomptes (" + show(s.value) + ").",
                    "The amount due (" + show(t.payable) + ") must be the total with VAT minus the paid amount (" + show(s.value) + ").");
        }
    }

    void decimals() {
        auto check = [&](const std::string& rule, const std::string& term, const std::string& field, Decimal d) {
            if (!two_decimals(d))
                add(rule, term, field, "Le montant " + term + " a plus de deux décimales (" + decimal_text(d, 2) + ").",
                    "The amount " + term + " has more than two decimals (" + decimal_text(d, 2) + ").");
        };
        for (std::size_t i = 0; i < inv_.allowances_charges.size(); ++i) {
            const auto& a = inv_.allowances_charges[i];
            const std::string f = std::string(a.charge ? "charges" : "allowances") + "[" + std::to_string(i) + "]";
            check(a.charge ? "BR-DEC-05" : "BR-DEC-01", a.charge ? "BT-99" : "BT-92", f, a.amount);
            if (a.base) check(a.charge ? "BR-DEC-06" : "BR-DEC-02", a.charge ? "BT-100" : "BT-93", f, *a.base);
        }
        const auto& t = inv_.totals;
        if (t.line_net) check("BR-DEC-09", "BT-106", "totals", *t.line_net);
        if (t.allowances) check("BR-DEC-10", "BT-107", "totals", *t.allowances);
        if (t.charges) check("BR-DEC-11", "BT-108", "totals", *t.charges);
        check("BR-DEC-12", "BT-109", "totals", t.tax_exclusive);
        if (t.tax_amount) check("BR-DEC-13", "BT-110", "totals", *t.tax_amount);
        check("BR-DEC-14", "BT-112", "totals", t.tax_inclusive);
        if (t.prepaid) check("BR-DEC-16", "BT-113", "totals", *t.prepaid);
        if (t.rounding) check("BR-DEC-17", "BT-114", "totals", *t.rounding);
        check("BR-DEC-18", "BT-115", "totals", t.payable);
        for (std::size_t i = 0; i < inv_.vat.size(); ++i) {
            check("BR-DEC-19", "BT-116", "vat[" + std::to_string(i) + "]", inv_.vat[i].taxable_amount);
            check("BR-DEC-20", "BT-117", "vat[" + std::to_string(i) + "]", inv_.vat[i].tax_amount);
        }
        for (std::size_t i = 0; i < inv_.lines.size(); ++i) {
            check("BR-DEC-23", "BT-131", line_field(i), inv_.lines[i].net_amount);
            for (const auto& a : inv_.lines[i].allowances_charges)
                check(a.charge ? "BR-DEC-27" : "BR-DEC-24", a.charge ? "BT-141" : "BT-136", line_field(i), a.amount);
        }
    }

    void payment() {
        const auto& p = inv_.payment;
        if ((!p.iban.empty() || !p.bic.empty() || !p.means_text.empty()) && p.means_code.empty())
            add("BR-49", "BT-81", "payment_method", "Le moyen de paiement doit être indiqué par son code.",
                "The payment means type code is required.");
        if ((p.means_code == "30" || p.means_code == "58") && p.iban.empty())
            add("BR-61", "BT-84", "seller.iban",
                "Pour un paiement par virement, l'IBAN du vendeur est obligatoire (Administration › Société).",
                "For a credit transfer, the seller's account (IBAN) is required.");
        // Not for credit notes (nothing is claimed from the buyer) nor MINIMUM (which has neither term).
        if (inv_.totals.payable.mantissa() > 0 && inv_.due_date.empty() && p.terms.empty() &&
            !is_credit_note_type(inv_.type_code) && inv_.profile != Profile::Minimum)
            add("BR-CO-25", "BT-9", "due_date",
                "Un montant reste à payer : la date d'échéance ou les conditions de paiement sont obligatoires.",
                "An amount is due: the payment due date or the payment terms are required.");
    }

    std::string note_of(std::string_view subject) const {
        for (const auto& n : inv_.notes)
            if (n.subject == subject) return n.text;
        return "";
    }

    void french() {
        // The French rules are for invoices issued by a French seller.
        if (!inv_.seller.address.country.empty() && inv_.seller.address.country != "FR") return;
        // BR-FR-01/02: the number.
        if (inv_.number.size() > 35)
            add("BR-FR-01", "BT-1", "number", "Le numéro de facture ne peut pas dépasser 35 caractères.",
                "The invoice number cannot exceed 35 characters.");
        if (!std::all_of(inv_.number.begin(), inv_.number.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '_' || c == '/' || c == ' ';
            }))
            add("BR-FR-02", "BT-1", "number",
                "Le numéro de facture ne peut contenir que des lettres sans accent, des chiffres, des espaces et - + _ /.",
                "The invoice number may contain only unaccented letters, digits, spaces and - + _ /.");
        auto year_ok = [](const std::string& date) {
            return date.empty() || (date.size() >= 4 && date.compare(0, 2, "20") == 0);
        };
        if (!year_ok(inv_.issue_date) || !year_ok(inv_.due_date))
            add("BR-FR-03", "BT-2", "issue_date", "Les dates de la facture doivent être comprises entre 2000 et 2099.",
                "Invoice dates must be between 2000 and 2099.");
        static const std::set<std::string> kTypes = {"380", "389", "393", "501", "386", "500", "384", "471",
                                                     "472", "473", "261", "262", "381", "396", "502", "503"};
        if (!kTypes.count(inv_.type_code))
            add("BR-FR-04", "BT-3", "type_code", "Le type de facture « " + inv_.type_code + " » n'est pas admis en France.",
                "The invoice type code " + inv_.type_code + " is not allowed in France.");
        if (lines_) {
            for (const char* subject : {"PMT", "PMD", "AAB"})
                if (note_of(subject).empty())
                    add("BR-FR-05", "BT-22", "notes",
                        std::string("La mention obligatoire ") +
                            (subject == std::string("PMT")   ? "de l'indemnité forfaitaire de recouvrement (PMT)"
                             : subject == std::string("PMD") ? "des pénalités de retard (PMD)"
                                                             : "des conditions d'escompte (AAB)") +
                            " manque.",
                        std::string("The mandatory note ") + subject + " is missing.");
            for (const char* subject : {"PMT", "PMD", "AAB", "TXD", "BAR"}) {
                auto n = std::count_if(inv_.notes.begin(), inv_.notes.end(), [&](const Note& x) { return x.subject == subject; });
                if (n > 1)
                    add("BR-FR-06", "BT-21", "notes", std::string("La note ") + subject + " ne peut figurer qu'une fois.",
                        std::string("The note ") + subject + " may appear only once.");
            }
        }
        static const std::set<std::string> kFrameworks = {"B1", "S1", "M1", "B2", "S2", "M2", "S3", "B4", "S4", "M4", "S5",
                                                          "S6", "B7", "S7", "B8", "S8", "M8", "B9", "S9", "M9"};
        if (!inv_.business_process.empty() && !kFrameworks.count(inv_.business_process))
            add("BR-FR-08", "BT-23", "operation",
                "Le cadre de facturation « " + inv_.business_process + " » n'est pas admis (B1, S1, M1…).",
                "The business process " + inv_.business_process + " is not allowed (B1, S1, M1…).");
        // SIREN and SIRET.
        auto check_ids = [&](const Party& p, const std::string& who_fr, const std::string& field) {
            for (const auto& id : p.ids)
                if (id.scheme == "0009" && !p.legal_id.value.empty() && id.value.compare(0, p.legal_id.value.size(), p.legal_id.value) != 0)
                    add("BR-FR-09", "BT-29", field + ".siret", "Le SIRET " + who_fr + " doit commencer par son SIREN.",
                        "The SIRET must start with the SIREN.");
            if ((p.legal_id.scheme == "0002" || p.legal_id.scheme == "0231") &&
                (p.legal_id.value.size() != 9 || !all_digits(p.legal_id.value)))
                add("BR-FR-32", "BT-30", field + ".siren", "Le SIREN " + who_fr + " doit comporter 9 chiffres.",
                    "The SIREN must have 9 digits.");
        };
        check_ids(inv_.seller, "du vendeur", "seller");
        check_ids(inv_.buyer, "de l'acheteur", "client");
        if (inv_.seller.address.country == "FR" || inv_.seller.address.country.empty()) {
            if (inv_.seller.legal_id.value.empty() || inv_.seller.legal_id.scheme != "0002")
                add("BR-FR-10", "BT-30", "seller.siren",
                    "Le SIREN de votre société est obligatoire sur une facture électronique (Administration › Société).",
                    "The seller's SIREN (scheme 0002) is required.");
            if (inv_.seller.electronic_address.value.empty())
                add("BR-FR-12", "BT-34", "seller.siren",
                    "L'adresse électronique de facturation du vendeur est obligatoire (elle découle du SIREN).",
                    "The seller electronic address is required.");
        }
        const bool b2b = note_of("BAR") == "B2B";
        if (b2b) {
            if (inv_.buyer.legal_id.value.empty())
                add("BR-FR-11", "BT-47", "client.siren",
                    "Le SIREN du client est obligatoire pour une facture entre entreprises françaises (fiche client).",
                    "The buyer's SIREN is required for a domestic B2B invoice.");
            if (inv_.buyer.electronic_address.value.empty())
                add("BR-FR-13", "BT-49", "client.siren",
                    "L'adresse électronique de facturation du client est obligatoire (elle découle de son SIREN).",
                    "The buyer electronic address is required.");
            else if (!inv_.buyer.legal_id.value.empty() &&
                     inv_.buyer.electronic_address.value.compare(0, inv_.buyer.legal_id.value.size(), inv_.buyer.legal_id.value) != 0)
                add("BR-FR-21", "BT-49", "client.siren",
                    "L'adresse électronique de facturation du client doit commencer par son SIREN.",
                    "The buyer electronic address must start with the buyer's SIREN.");
        }
        // Corrections: a corrective invoice references exactly one invoice, with its date; a credit
        // note at least one.
        const bool corrective = inv_.type_code == "384" || inv_.type_code == "471" || inv_.type_code == "472" || inv_.type_code == "473";
        if (corrective && (inv_.preceding.size() != 1 || inv_.preceding[0].issue_date.empty()))
            add("BR-FR-CO-04", "BG-3", "corrects",
                "Une facture rectificative doit référencer exactement une facture antérieure, avec sa date.",
                "A corrective invoice must reference exactly one preceding invoice with its date.");
        if (is_credit_note_type(inv_.type_code) &&
            (inv_.preceding.empty() || std::any_of(inv_.preceding.begin(), inv_.preceding.end(),
                                                   [](const PrecedingInvoice& p) { return p.issue_date.empty(); })))
            add("BR-FR-CO-05", "BG-3", "corrects", "Un avoir doit référencer la facture qu'il corrige, avec sa date.",
                "A credit note must reference the invoice it corrects, with its date.");
        if (inv_.business_process.size() == 2 && inv_.business_process[1] == '4' &&
            (inv_.type_code == "386" || is_credit_note_type(inv_.type_code)))
            add("BR-FR-CO-08", "BT-23", "operation",
                "Le cadre « facture définitive après acompte » (" + inv_.business_process +
                    ") ne s'applique qu'à une facture, pas à un acompte ni à un avoir.",
                "A final invoice after deposit (" + inv_.business_process + ") must be an invoice.");
    }

    const Invoice& inv_;
    const bool lines_;
    std::vector<RuleViolation> out_;
};

}  // namespace

std::vector<RuleViolation> check_rules(const Invoice& invoice) { return Checker(invoice).run(); }

std::vector<RuleViolation> errors_only(std::vector<RuleViolation> violations) {
    std::erase_if(violations, [](const RuleViolation& v) { return v.warning; });
    return violations;
}

}  // namespace comptoir::einvoice
