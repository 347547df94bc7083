// The texts of the emails a company sends: one subject and body per kind of document and per
// reminder level, with variables ({client_name}, {amount_due}...) filled at send time. Pure: the
// defaults, the checks an edited template goes through, and the rendering.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/sales/domain/document_type.hpp"

namespace comptoir::mail {

enum class TemplateKey {
    Quote,
    Order,
    ProForma,
    ProvisionalInvoice,
    Invoice,
    DepositInvoice,
    SituationInvoice,
    CreditNote,
    Reminder1,
    Reminder2,
    Reminder3,
};

inline constexpr std::array<TemplateKey, 11> kAllTemplateKeys = {
    TemplateKey::Quote,          TemplateKey::Order,           TemplateKey::ProForma,
    TemplateKey::ProvisionalInvoice, TemplateKey::Invoice,     TemplateKey::DepositInvoice,
    TemplateKey::SituationInvoice, TemplateKey::CreditNote,    TemplateKey::Reminder1,
    TemplateKey::Reminder2,      TemplateKey::Reminder3};

// The document types' codes ("quote", "invoice", "credit_note"...), then "reminder_1", "reminder_2",
// "reminder_3".
std::string_view to_code(TemplateKey key);
std::optional<TemplateKey> parse_template_key(std::string_view code);
TemplateKey template_for(sales::DocumentType type);
TemplateKey reminder_template(int level);  // 1, 2 or 3 (clamped)
bool is_reminder(TemplateKey key);

struct MailTemplate {
    TemplateKey key = TemplateKey::Invoice;
    std::string subject;
    std::string body;
    bool customised = false;  // false: the default text
};

// The default text in `language` ("fr", anything else reads as "en").
MailTemplate default_template(TemplateKey key, const std::string& language);

// The variables a template may use, in the order the editor lists them.
const std::vector<std::string>& template_variables();

using Variables = std::map<std::string, std::string>;

// `{name}` where name is one of template_variables() is replaced by its value; any other brace is
// kept as typed. A `{word}` that looks like a variable but is not one is an error naming `field`
// (code template.unknown_variable), listing the variables allowed.
Result<std::string> render_template(std::string_view text, const Variables& values, const std::string& field);

// What an edited subject and body must satisfy (every problem at once): subject required, one line,
// at most 200 characters; body required, at most 20,000 characters; valid UTF-8; known variables only.
// Fields are `<prefix>subject` and `<prefix>body`.
std::vector<FieldIssue> check_template(const std::string& subject, const std::string& body, const std::string& prefix);

}  // namespace comptoir::mail
