#include "modules/payments/service/statement.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "modules/payments/model/payment.hpp"

namespace comptoir::payments {
namespace {

namespace pdf = sales::pdf;

std::string eur(Money m) { return m.to_display_fr(); }
std::string fr_date(const std::string& iso) { return iso.empty() ? std::string() : display_date(iso, "fr"); }

std::string method_fr(const std::string& code) {
    static const std::map<std::string, std::string> labels = {
        {"transfer", "virement"}, {"card", "carte"},         {"cheque", "chèque"},
        {"cash", "espèces"},      {"direct_debit", "prélèvement"}, {"other", "autre moyen"}};
    auto it = labels.find(code);
    return it == labels.end() ? std::string() : it->second;
}

// What a statement line says: "Facture FA-2026-00012", "Règlement par virement (réf. VIR 123)".
std::string entry_text(const LedgerEvent& e) {
    std::string text = kind_label_fr(e.kind);
    if (e.kind == "payment" || e.kind == "refund") {
        if (auto m = method_fr(e.method); !m.empty()) text += " par " + m;
        if (!e.number.empty()) text += " (réf. " + e.number + ")";
        return text;
    }
    return e.number.empty() ? text : text + " " + e.number;
}

std::string period_text(const StatementPeriod& p) {
    if (p.from.empty() && p.to.empty()) return "jusqu'au " + fr_date(p.today);
    if (p.from.empty()) return "jusqu'au " + fr_date(p.to);
    return "du " + fr_date(p.from) + " au " + fr_date(p.to.empty() ? p.today : p.to);
}

std::string csv_amount(Money m) {
    if (m.is_zero()) return "";
    std::string s = m.to_string();
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(";\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string kind_label_fr(const std::string& kind) {
    static const std::map<std::string, std::string> labels = {
        {"invoice", "Facture"},          {"deposit_invoice", "Facture d'acompte"},
        {"situation_invoice", "Facture de situation"}, {"credit_note", "Avoir"},
        {"payment", "Règlement"},        {"refund", "Remboursement"},
        {"quote", "Devis"},              {"order", "Commande"},
        {"proforma", "Pro forma"},       {"provisional_invoice", "Facture provisoire"},
        {"email", "E-mail"},             {"reminder", "Relance"},
        {"status", "Changement d'état"}};
    auto it = labels.find(kind);
    return it == labels.end() ? kind : it->second;
}

pdf::PrintableDocument printable_statement(pdf::PrintableDocument head, const Ledger& ledger,
                                           const StatementPeriod& period) {
    pdf::PrintableDocument p = std::move(head);
    p.kind_label = "RELEVÉ DE COMPTE";
    p.issue_date = fr_date(period.today);
    p.header_fields.push_back({"Période", period_text(period)});
    p.column_titles = {"Date", "Pièce", "Échéance", "", "Débit", "Crédit", "", "Solde"};

    const std::string opening_date = period.from.empty() ? std::string() : fr_date(period.from);
    if (!period.from.empty()) {
        pdf::PrintableLine opening;
        opening.reference = opening_date;
        opening.description = "Solde au " + opening_date;
        opening.total = eur(ledger.opening);
        p.lines.push_back(std::move(opening));
    }
    for (const auto& line : ledger.lines) {
        const auto& e = line.event;
        if (!e.in_balance) continue;
        pdf::PrintableLine x;
        x.reference = fr_date(e.date);
        x.description = entry_text(e);
        x.quantity = e.debit.is_zero() ? std::string() : fr_date(e.due_date);
        if (!e.debit.is_zero()) x.unit_price = eur(e.debit);
        if (!e.credit.is_zero()) x.discount = eur(e.credit);
        x.total = eur(line.balance);
        p.lines.push_back(std::move(x));
    }
    if (p.lines.empty()) {
        pdf::PrintableLine none;
        none.kind = pdf::LineKind::note;
        none.description = "Aucune écriture sur cette période.";
        p.lines.push_back(std::move(none));
    }

    const std::string closing_date = fr_date(period.to.empty() ? period.today : period.to);
    if (!period.from.empty()) p.totals.push_back({"Solde au " + opening_date, eur(ledger.opening), pdf::Emphasis::none});
    p.totals.push_back({"Total débit", eur(ledger.total_debit), pdf::Emphasis::none});
    p.totals.push_back({"Total crédit", eur(ledger.total_credit), pdf::Emphasis::none});
    const bool in_credit = ledger.closing.cents() < 0;
    p.totals.push_back({(in_credit ? "Solde créditeur au " : "Solde dû au ") + closing_date,
                        eur(in_credit ? -ledger.closing : ledger.closing), pdf::Emphasis::grand});
    if (period.overdue.cents() > 0)
        p.totals.push_back({"Dont échu au " + fr_date(period.today), eur(period.overdue), pdf::Emphasis::none});

    if (in_credit)
        p.legal_mentions.push_back("Le solde créditeur reste à votre disposition : il sera imputé sur vos prochaines "
                                   "factures ou remboursé à votre demande.");
    else if (period.overdue.cents() > 0)
        p.legal_mentions.push_back("Merci de régler les factures échues dans les meilleurs délais. En cas de retard de "
                                   "paiement, une pénalité égale à trois fois le taux d'intérêt légal et une indemnité "
                                   "forfaitaire pour frais de recouvrement de 40 € sont exigibles (art. L441-10 du Code "
                                   "de commerce) lorsque le client est un professionnel.");
    p.legal_mentions.push_back("Sauf erreur ou omission. Ce relevé récapitule votre compte ; il ne remplace pas les "
                               "factures et avoirs qu'il mentionne.");
    return p;
}

std::string statement_csv(const Ledger& ledger) {
    std::string csv = "\xEF\xBB\xBF";
    csv += "Date;Pièce;Numéro;Échéance;Débit;Crédit;Solde\r\n";
    csv += ";Solde d'ouverture;;;;;" + csv_amount(ledger.opening) + "\r\n";
    for (const auto& line : ledger.lines) {
        const auto& e = line.event;
        csv += e.date + ";" + csv_field(kind_label_fr(e.kind) + (e.in_balance ? "" : " (hors solde)")) + ";" +
               csv_field(e.number) + ";" + e.due_date + ";" + csv_amount(e.debit) + ";" + csv_amount(e.credit) + ";" +
               (e.in_balance ? csv_amount(line.balance) : std::string()) + "\r\n";
    }
    csv += ";Total;;;" + csv_amount(ledger.total_debit) + ";" + csv_amount(ledger.total_credit) + ";" +
           csv_amount(ledger.closing) + "\r\n";
    return csv;
}

}  // namespace comptoir::payments
