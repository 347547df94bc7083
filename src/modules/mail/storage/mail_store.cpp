#include "modules/mail/storage/mail_store.hpp"

#include <nlohmann/json.hpp>

namespace comptoir::mail::storage {
namespace {

using nlohmann::json;

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

std::string list_json(const std::vector<std::string>& list) { return json(list).dump(); }

std::vector<std::string> list_from(const std::string& text) {
    auto j = json::parse(text, nullptr, false);
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

constexpr const char* kSendColumns =
    "s.id, s.client_id, s.document_id, s.kind, s.level, s.recipients, s.cc, s.bcc, s.from_address, s.subject, s.body, "
    "s.attachment_name, s.attachment_size, s.status, s.error_code, s.error_detail, s.message_id, s.retry_of, "
    "s.created_at, s.finished_at, s.created_by, s.document_number, s.document_type, s.client_name, "
    "COALESCE(u.name, ''), s.request_hash";

constexpr const char* kSendFrom =
    " FROM mail_sends s LEFT JOIN users u ON u.company_id = s.company_id AND u.id = s.created_by ";

MailSend send_from(const store::Row& r) {
    MailSend s;
    s.id = r.int64(0);
    s.client_id = r.int64(1);
    s.document_id = r.int64(2);
    s.kind = parse_send_kind(r.text(3)).value_or(SendKind::Document);
    s.level = static_cast<int>(r.int64(4));
    s.recipients = list_from(r.text(5));
    s.cc = list_from(r.text(6));
    s.bcc = list_from(r.text(7));
    s.from_address = r.text(8);
    s.subject = r.text(9);
    s.body = r.text(10);
    s.attachment_name = r.text(11);
    s.attachment_size = r.int64(12);
    s.status = parse_send_status(r.text(13)).value_or(SendStatus::Pending);
    s.error_code = r.text(14);
    s.error_detail = r.text(15);
    s.message_id = r.text(16);
    s.retry_of = r.opt_int64(17);
    s.created_at = r.text(18);
    s.finished_at = r.text(19);
    s.created_by = r.int64(20);
    s.document_number = r.text(21);
    s.document_type = r.text(22);
    s.client_name = r.text(23);
    s.created_by_name = r.text(24);
    return s;
}

}  // namespace

std::optional<MailSettings> load_settings(store::Connection& conn, std::int64_t company_id) {
    auto r = conn.query_one(
        "SELECT host, port, security, username, password, from_address, from_name, reply_to, bcc_self, language, "
        "updated_at, updated_by FROM mail_settings WHERE company_id = ?",
        {company_id});
    if (!r) return std::nullopt;
    MailSettings s;
    s.host = r->text(0);
    s.port = static_cast<int>(r->int64(1));
    s.security = parse_security(r->text(2)).value_or(Security::StartTls);
    s.username = r->text(3);
    s.password = r->text(4);
    s.from_address = r->text(5);
    s.from_name = r->text(6);
    s.reply_to = r->text(7);
    s.bcc_self = r->boolean(8);
    s.language = r->text(9);
    s.updated_at = r->text(10);
    s.updated_by = r->int64(11);
    return s;
}

void save_settings(store::Connection& conn, std::int64_t company_id, const MailSettings& s, std::int64_t user_id,
                   const std::string& now) {
    const std::vector<store::Value> values{s.host, static_cast<std::int64_t>(s.port), std::string(to_code(s.security)),
                                           s.username, s.password, s.from_address, s.from_name, s.reply_to,
                                           static_cast<std::int64_t>(s.bcc_self ? 1 : 0), s.language, now, user_id};
    std::vector<store::Value> params = values;
    params.push_back(company_id);
    const auto changed = conn.execute(
        "UPDATE mail_settings SET host = ?, port = ?, security = ?, username = ?, password = ?, from_address = ?, "
        "from_name = ?, reply_to = ?, bcc_self = ?, language = ?, updated_at = ?, updated_by = ? WHERE company_id = ?",
        params);
    if (changed > 0) return;
    params = {company_id};
    params.insert(params.end(), values.begin(), values.end());
    conn.execute(
        "INSERT INTO mail_settings (company_id, host, port, security, username, password, from_address, from_name, "
        "reply_to, bcc_self, language, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params);
}

std::map<TemplateKey, MailTemplate> load_templates(store::Connection& conn, std::int64_t company_id) {
    std::map<TemplateKey, MailTemplate> out;
    for (const auto& r : conn.query("SELECT template_key, subject, body FROM mail_templates WHERE company_id = ?",
                                    {company_id}))
        if (auto key = parse_template_key(r.text(0))) out[*key] = MailTemplate{*key, r.text(1), r.text(2), true};
    return out;
}

void save_template(store::Connection& conn, std::int64_t company_id, const MailTemplate& t, std::int64_t user_id,
                   const std::string& now) {
    const std::string key(to_code(t.key));
    const auto changed = conn.execute(
        "UPDATE mail_templates SET subject = ?, body = ?, updated_at = ?, updated_by = ? "
        "WHERE company_id = ? AND template_key = ?",
        {t.subject, t.body, now, user_id, company_id, key});
    if (changed > 0) return;
    conn.execute(
        "INSERT INTO mail_templates (company_id, template_key, subject, body, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {company_id, key, t.subject, t.body, now, user_id});
}

void delete_template(store::Connection& conn, std::int64_t company_id, TemplateKey key) {
    conn.execute("DELETE FROM mail_templates WHERE company_id = ? AND template_key = ?",
                 {company_id, std::string(to_code(key))});
}

std::int64_t insert_pending(store::Connection& conn, std::int64_t company_id, const MailSend& s,
                            const std::string& idempotency_key, const std::string& request_hash) {
    return conn.insert(
        "INSERT INTO mail_sends (company_id, client_id, document_id, kind, level, recipients, cc, bcc, from_address, "
        "subject, body, attachment_name, attachment_size, status, message_id, idempotency_key, request_hash, retry_of, "
        "document_number, document_type, client_name, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (company_id, idempotency_key) DO NOTHING",
        {company_id, s.client_id, s.document_id ? store::Value(s.document_id) : store::Value(nullptr),
         std::string(to_code(s.kind)), static_cast<std::int64_t>(s.level), list_json(s.recipients), list_json(s.cc),
         list_json(s.bcc), s.from_address, s.subject, s.body, s.attachment_name, s.attachment_size, s.message_id,
         idempotency_key,
         request_hash, store::opt(s.retry_of), s.document_number, s.document_type, s.client_name, s.created_at,
         s.created_by});
}

void finish_send(store::Connection& conn, std::int64_t company_id, std::int64_t id, SendStatus status,
                 const std::string& error_code, const std::string& error_detail, const std::string& now) {
    conn.execute(
        "UPDATE mail_sends SET status = ?, error_code = ?, error_detail = ?, finished_at = ? "
        "WHERE company_id = ? AND id = ? AND status = 'pending'",
        {std::string(to_code(status)), error_code, error_detail, now, company_id, id});
}

std::optional<KeyedSend> find_by_key(store::Connection& conn, std::int64_t company_id, const std::string& key) {
    auto r = conn.query_one(std::string("SELECT ") + kSendColumns + kSendFrom +
                                "WHERE s.company_id = ? AND s.idempotency_key = ?",
                            {company_id, key});
    if (!r) return std::nullopt;
    return KeyedSend{send_from(*r), r->text(25)};
}

std::optional<MailSend> find_send(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one(std::string("SELECT ") + kSendColumns + kSendFrom + "WHERE s.company_id = ? AND s.id = ?",
                            {company_id, id});
    if (!r) return std::nullopt;
    return send_from(*r);
}

std::vector<MailSend> list_sends(store::Connection& conn, std::int64_t company_id, const SendQuery& q) {
    std::string sql = std::string("SELECT ") + kSendColumns + kSendFrom + "WHERE s.company_id = ?";
    std::vector<store::Value> params{company_id};
    if (q.client_id) {
        sql += " AND s.client_id = ?";
        params.push_back(*q.client_id);
    }
    if (q.document_id) {
        sql += " AND s.document_id = ?";
        params.push_back(*q.document_id);
    }
    if (q.kind) {
        sql += " AND s.kind = ?";
        params.push_back(std::string(to_code(*q.kind)));
    }
    if (q.before_id) {
        sql += " AND s.id < ?";
        params.push_back(*q.before_id);
    }
    sql += " ORDER BY s.id DESC LIMIT ?";
    params.push_back(static_cast<std::int64_t>(q.limit));
    std::vector<MailSend> out;
    for (const auto& r : conn.query(sql, params)) out.push_back(send_from(r));
    return out;
}

std::vector<MailSend> client_sends(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    std::vector<MailSend> out;
    for (const auto& r : conn.query(std::string("SELECT ") + kSendColumns + kSendFrom +
                                        "WHERE s.company_id = ? AND s.client_id = ? ORDER BY s.id",
                                    {company_id, client_id}))
        out.push_back(send_from(r));
    return out;
}

std::map<std::int64_t, LastReminder> last_reminders(store::Connection& conn, std::int64_t company_id,
                                                    const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, LastReminder> out;
    // Bound lists, chunked: a long reminders list never builds one huge statement.
    for (std::size_t start = 0; start < ids.size(); start += 500) {
        const std::size_t n = std::min<std::size_t>(500, ids.size() - start);
        std::vector<store::Value> params{company_id};
        for (std::size_t i = 0; i < n; ++i) params.push_back(ids[start + i]);
        for (const auto& r : conn.query("SELECT document_id, level, created_at FROM mail_sends "
                                        "WHERE company_id = ? AND kind = 'reminder' AND status = 'sent' AND document_id IN (" +
                                            placeholders(n) + ") ORDER BY id",
                                        params)) {
            auto& last = out[r.int64(0)];
            last.level = std::max(last.level, static_cast<int>(r.int64(1)));
            last.at = r.text(2);  // ordered by id: the latest wins
        }
    }
    return out;
}

std::vector<OverdueCandidate> overdue_candidates(store::Connection& conn, std::int64_t company_id,
                                                 const std::string& today, std::size_t limit) {
    // What settles an invoice is counted as payments' settlement rules count it (active allocations,
    // issued credit notes correcting it); the service confirms each row with those very rules.
    auto rows = conn.query(
        "SELECT d.id, d.client_id, d.client_json, d.type, COALESCE(d.number, ''), d.issue_date, d.due_date, "
        "d.total_incl_vat_cents FROM documents d "
        "LEFT JOIN (SELECT document_id, SUM(amount_cents) AS paid FROM payment_allocations "
        "           WHERE company_id = ? AND cancelled = 0 GROUP BY document_id) a ON a.document_id = d.id "
        "LEFT JOIN (SELECT corrects_id, SUM(ABS(total_incl_vat_cents)) AS credited FROM documents "
        "           WHERE company_id = ? AND type = 'credit_note' AND status NOT IN ('draft', 'cancelled') "
        "           AND corrects_id IS NOT NULL GROUP BY corrects_id) c ON c.corrects_id = d.id "
        "WHERE d.company_id = ? AND d.type IN ('invoice', 'deposit_invoice', 'situation_invoice') "
        "AND d.status NOT IN ('draft', 'cancelled') AND d.due_date <> '' AND d.due_date < ? "
        "AND d.amount_due_cents - COALESCE(a.paid, 0) - COALESCE(c.credited, 0) > 0 "
        "ORDER BY d.due_date, d.id LIMIT ?",
        {company_id, company_id, company_id, today, static_cast<std::int64_t>(limit)});
    std::vector<OverdueCandidate> out;
    for (const auto& r : rows) {
        OverdueCandidate c;
        c.id = r.int64(0);
        c.client_id = r.int64(1);
        auto client = json::parse(r.text(2), nullptr, false);
        if (client.is_object()) c.client_name = client.value("name", "");
        c.type = r.text(3);
        c.number = r.text(4);
        c.issue_date = r.text(5);
        c.due_date = r.text(6);
        c.total_incl_vat = Money::from_cents(r.int64(7));
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace comptoir::mail::storage
