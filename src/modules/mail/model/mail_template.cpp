#include "modules/mail/model/mail_template.hpp"

#include <algorithm>

#include "core/text/utf8.hpp"

namespace comptoir::mail {
namespace {

struct KeyInfo {
    TemplateKey key;
    std::string_view code;
};

constexpr std::array<KeyInfo, 11> kKeys = {{
    {TemplateKey::Quote, "quote"},
    {TemplateKey::Order, "order"},
    {TemplateKey::ProForma, "proforma"},
    {TemplateKey::ProvisionalInvoice, "provisional_invoice"},
    {TemplateKey::Invoice, "invoice"},
    {TemplateKey::DepositInvoice, "deposit_invoice"},
    {TemplateKey::SituationInvoice, "situation_invoice"},
    {TemplateKey::CreditNote, "credit_note"},
    {TemplateKey::Reminder1, "reminder_1"},
    {TemplateKey::Reminder2, "reminder_2"},
    {TemplateKey::Reminder3, "reminder_3"},
}};

constexpr std::string_view kSignatureFr = "\n\nCordialement,\n{company_name}";
constexpr std::string_view kSignatureEn = "\n\nKind regards,\n{company_name}";

// "Veuillez trouver ci-joint notre facture n° FA-… du …, d'un montant de … TTC" and its English twin.
MailTemplate document_fr(TemplateKey key, std::string_view subject_label, std::string_view noun, bool payable) {
    MailTemplate t{key, std::string(subject_label) + " {document_number} — {company_name}", "", false};
    t.body = "Bonjour,\n\nVeuillez trouver ci-joint " + std::string(noun) +
             " n° {document_number} du {issue_date}, d'un montant de {amount} TTC" +
             (payable ? ", payable au plus tard le {due_date}.\n\nNous vous remercions de votre confiance."
                      : ".\n\nNous restons à votre disposition pour tout renseignement complémentaire.") +
             std::string(kSignatureFr);
    return t;
}

MailTemplate document_en(TemplateKey key, std::string_view subject_label, std::string_view noun, bool payable) {
    MailTemplate t{key, std::string(subject_label) + " {document_number} — {company_name}", "", false};
    t.body = "Hello,\n\nPlease find attached " + std::string(noun) +
             " {document_number} of {issue_date}, for an amount of {amount} including VAT" +
             (payable ? ", payable by {due_date}.\n\nThank you for your business."
                      : ".\n\nPlease do not hesitate to contact us should you have any questions.") +
             std::string(kSignatureEn);
    return t;
}

MailTemplate reminder_fr(TemplateKey key) {
    MailTemplate t{key, "", "", false};
    if (key == TemplateKey::Reminder1) {
        t.subject = "Rappel : facture {document_number} échue le {due_date}";
        t.body =
            "Bonjour,\n\nSauf erreur de notre part, notre facture n° {document_number} du {issue_date}, arrivée à "
            "échéance le {due_date}, reste impayée à ce jour pour un montant de {amount_due}.\n\nIl s'agit "
            "peut-être d'un simple oubli : nous vous remercions de bien vouloir procéder à son règlement dans les "
            "meilleurs délais. Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce "
            "message.\n\nVous trouverez la facture en pièce jointe.";
    } else if (key == TemplateKey::Reminder2) {
        t.subject = "Deuxième relance : facture {document_number} impayée";
        t.body =
            "Bonjour,\n\nMalgré notre précédent rappel, notre facture n° {document_number} du {issue_date}, échue "
            "depuis le {due_date} ({days_overdue} jours de retard), reste impayée pour un montant de "
            "{amount_due}.\n\nNous vous demandons de bien vouloir régulariser cette situation sous huit jours. En "
            "cas de difficulté, n'hésitez pas à nous contacter afin de convenir d'une solution.\n\nVous trouverez "
            "la facture en pièce jointe.";
    } else {
        t.subject = "Dernière relance avant mise en demeure : facture {document_number}";
        t.body =
            "Bonjour,\n\nNos précédentes relances concernant la facture n° {document_number} du {issue_date}, échue "
            "le {due_date}, sont restées sans effet : la somme de {amount_due} demeure impayée après {days_overdue} "
            "jours de retard.\n\nSans règlement de votre part sous huit jours, nous serons contraints d'engager une "
            "procédure de recouvrement. Nous vous rappelons que tout retard de paiement entraîne de plein droit des "
            "pénalités de retard et, entre professionnels, une indemnité forfaitaire pour frais de recouvrement de "
            "40 € (articles L441-10 et D441-5 du Code de commerce).\n\nVous trouverez la facture en pièce jointe.";
    }
    t.body += kSignatureFr;
    return t;
}

MailTemplate reminder_en(TemplateKey key) {
    MailTemplate t{key, "", "", false};
    if (key == TemplateKey::Reminder1) {
        t.subject = "Reminder: invoice {document_number} was due on {due_date}";
        t.body =
            "Hello,\n\nUnless we are mistaken, our invoice {document_number} of {issue_date}, due on {due_date}, "
            "remains unpaid for an amount of {amount_due}.\n\nThis may simply be an oversight: we would be grateful "
            "if you could settle it at your earliest convenience. If your payment has been made in the meantime, "
            "please disregard this message.\n\nThe invoice is attached.";
    } else if (key == TemplateKey::Reminder2) {
        t.subject = "Second reminder: invoice {document_number} unpaid";
        t.body =
            "Hello,\n\nDespite our previous reminder, our invoice {document_number} of {issue_date}, due since "
            "{due_date} ({days_overdue} days overdue), remains unpaid for an amount of {amount_due}.\n\nPlease "
            "settle it within eight days. Should you have any difficulty, do contact us so that we can find a "
            "solution.\n\nThe invoice is attached.";
    } else {
        t.subject = "Final reminder before formal notice: invoice {document_number}";
        t.body =
            "Hello,\n\nOur previous reminders about invoice {document_number} of {issue_date}, due on {due_date}, "
            "have gone unanswered: {amount_due} remains unpaid after {days_overdue} days.\n\nWithout payment within "
            "eight days, we will have to start recovery proceedings. Late payments bear late-payment interest and, "
            "between businesses, a fixed recovery fee of €40 (French Commercial Code, articles L441-10 and "
            "D441-5).\n\nThe invoice is attached.";
    }
    t.body += kSignatureEn;
    return t;
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Where a `{word}` starts at `pos`: the word's length, or 0 when the brace is literal text.
std::size_t variable_at(std::string_view text, std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < text.size() && end - pos <= 40 && is_name_char(text[end])) ++end;
    if (end == pos + 1 || end >= text.size() || text[end] != '}') return 0;
    return end - pos - 1;
}

std::string allowed_list() {
    std::string out;
    for (const auto& v : template_variables()) out += (out.empty() ? "{" : ", {") + v + "}";
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        decode_utf8(s, pos);
        ++n;
    }
    return n;
}

}  // namespace

std::string_view to_code(TemplateKey key) {
    for (const auto& k : kKeys)
        if (k.key == key) return k.code;
    return "invoice";
}

std::optional<TemplateKey> parse_template_key(std::string_view code) {
    for (const auto& k : kKeys)
        if (k.code == code) return k.key;
    return std::nullopt;
}

TemplateKey template_for(sales::DocumentType type) {
    return *parse_template_key(sales::to_code(type));
}

TemplateKey reminder_template(int level) {
    return level <= 1 ? TemplateKey::Reminder1 : level == 2 ? TemplateKey::Reminder2 : TemplateKey::Reminder3;
}

bool is_reminder(TemplateKey key) {
    return key == TemplateKey::Reminder1 || key == TemplateKey::Reminder2 || key == TemplateKey::Reminder3;
}

MailTemplate default_template(TemplateKey key, const std::string& language) {
    const bool fr = language != "en";
    switch (key) {
        case TemplateKey::Quote:
            return fr ? document_fr(key, "Devis", "notre devis", false) : document_en(key, "Quote", "our quote", false);
        case TemplateKey::Order:
            return fr ? document_fr(key, "Bon de commande", "le bon de commande", false)
                      : document_en(key, "Order", "the order", false);
        case TemplateKey::ProForma:
            return fr ? document_fr(key, "Facture pro forma", "notre facture pro forma", false)
                      : document_en(key, "Pro-forma invoice", "our pro-forma invoice", false);
        case TemplateKey::ProvisionalInvoice:
            return fr ? document_fr(key, "Facture provisoire", "notre facture provisoire", false)
                      : document_en(key, "Provisional invoice", "our provisional invoice", false);
        case TemplateKey::Invoice:
            return fr ? document_fr(key, "Facture", "notre facture", true) : document_en(key, "Invoice", "our invoice", true);
        case TemplateKey::DepositInvoice:
            return fr ? document_fr(key, "Facture d'acompte", "notre facture d'acompte", true)
                      : document_en(key, "Deposit invoice", "our deposit invoice", true);
        case TemplateKey::SituationInvoice:
            return fr ? document_fr(key, "Facture de situation", "notre facture de situation", true)
                      : document_en(key, "Progress invoice", "our progress invoice", true);
        case TemplateKey::CreditNote:
            return fr ? document_fr(key, "Avoir", "notre avoir", false) : document_en(key, "Credit note", "our credit note", false);
        case TemplateKey::Reminder1:
        case TemplateKey::Reminder2:
        case TemplateKey::Reminder3:
            return fr ? reminder_fr(key) : reminder_en(key);
    }
    return document_fr(key, "Document", "notre document", false);
}

const std::vector<std::string>& template_variables() {
    static const std::vector<std::string> names = {"client_name", "document_type", "document_number", "issue_date",
                                                   "due_date",    "amount",        "amount_due",      "days_overdue",
                                                   "company_name"};
    return names;
}

Result<std::string> render_template(std::string_view text, const Variables& values, const std::string& field) {
    std::string out;
    out.reserve(text.size() + 64);
    std::vector<std::string> unknown;
    for (std::size_t pos = 0; pos < text.size();) {
        if (text[pos] != '{') {
            out += text[pos++];
            continue;
        }
        const std::size_t length = variable_at(text, pos);
        if (length == 0) {
            out += text[pos++];
            continue;
        }
        const std::string name(text.substr(pos + 1, length));
        const auto& known = template_variables();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            if (std::find(unknown.begin(), unknown.end(), name) == unknown.end()) unknown.push_back(name);
        } else if (auto it = values.find(name); it != values.end()) {
            out += it->second;
        }
        pos += length + 2;
    }
    if (!unknown.empty()) {
        std::string names;
        for (const auto& n : unknown) names += (names.empty() ? "{" : ", {") + quote_excerpt(n, 40) + "}";
        const bool one = unknown.size() == 1;
        return fail(Error::invalid_field(
            field, "template.unknown_variable",
            std::string(one ? "Variable inconnue : " : "Variables inconnues : ") + names + ". Variables possibles : " +
                allowed_list() + ".",
            std::string(one ? "Unknown variable: " : "Unknown variables: ") + names + ". Allowed variables: " +
                allowed_list() + "."));
    }
    return out;
}

std::vector<FieldIssue> check_template(const std::string& subject, const std::string& body, const std::string& prefix) {
    std::vector<FieldIssue> issues;
    const std::string subject_field = prefix + "subject", body_field = prefix + "body";
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (!is_valid_utf8(subject)) {
        issues.push_back({subject_field, "text.utf8", "Ce texte contient des caractères invalides.",
                          "This text contains invalid characters."});
    } else if (blank(subject)) {
        issues.push_back({subject_field, "required", "Indiquez l'objet de l'e-mail.", "Give the email's subject."});
    } else if (subject.find_first_of("\r\n") != std::string::npos) {
        issues.push_back({subject_field, "subject.one_line", "L'objet tient sur une seule ligne.",
                          "The subject must fit on one line."});
    } else if (code_points(subject) > 200) {
        issues.push_back({subject_field, "too_long", "L'objet est trop long (200 caractères au plus).",
                          "The subject is too long (at most 200 characters)."});
    } else if (auto r = render_template(subject, {}, subject_field); !r) {
        issues.push_back(r.error().fields.front());
    }
    if (!is_valid_utf8(body)) {
        issues.push_back({body_field, "text.utf8", "Ce texte contient des caractères invalides.",
                          "This text contains invalid characters."});
    } else if (blank(body)) {
        issues.push_back({body_field, "required", "Écrivez le message.", "Write the message."});
    } else if (code_points(body) > 20000) {
        issues.push_back({body_field, "too_long", "Le message est trop long (20 000 caractères au plus).",
                          "The message is too long (at most 20,000 characters)."});
    } else if (auto r = render_template(body, {}, body_field); !r) {
        issues.push_back(r.error().fields.front());
    }
    return issues;
}

}  // namespace comptoir::mail
