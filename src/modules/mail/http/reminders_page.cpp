// /reminders: overdue invoices by age (1–30, 31–60, 61–90, over 90 days), with what remains due,
// the last reminder sent and the level to send next; a reminder to one invoice (its compose page)
// or to a selection at once (each to the client's usual addresses, with its level's template).
#include "modules/mail/http/pages_internal.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "http/api_reply.hpp"
#include "http/problem.hpp"

namespace comptoir::mail::pages {
namespace {

using http::Method;
using http::PageContext;

constexpr std::array<const char*, 4> kBuckets = {"1_30", "31_60", "61_90", "over_90"};

std::string replaced(std::string text, const std::string& name, int value) {
    const std::string token = "{" + name + "}";
    if (auto pos = text.find(token); pos != std::string::npos) text.replace(pos, token.size(), std::to_string(value));
    return text;
}

std::string result_title(const PageContext& ctx, int sent, int failed) {
    std::string out = replaced(tr(ctx, sent == 1 ? "reminders.result_sent_one" : "reminders.result_sent"), "count", sent);
    if (failed) out += " " + replaced(tr(ctx, failed == 1 ? "reminders.result_failed_one" : "reminders.result_failed"), "count", failed);
    return out;
}

struct BatchResult {
    std::vector<ReminderOutcome> outcomes;
    std::map<std::int64_t, std::string> numbers;
};

void render_reminders(PageContext& ctx, MailService& service, const BatchResult* batch, const Error* failure,
                      const std::vector<std::int64_t>& selected, int status) {
    auto list = service.overdue(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    const bool may_send = can_send_reminders(ctx.actor());
    std::map<std::string, json> rows;
    std::map<std::string, std::pair<int, Money>> totals;
    for (const auto& o : *list) {
        const bool checked = std::find(selected.begin(), selected.end(), o.id) != selected.end();
        rows[o.bucket].push_back(
            {{"id", o.id},
             {"number", o.number},
             {"client_id", o.client_id},
             {"client_name", o.client_name},
             {"due_date", display_date(o.due_date, ctx.locale())},
             {"days", o.days_overdue},
             {"total", money(ctx, o.total)},
             {"remaining", money(ctx, o.remaining)},
             {"last", o.last_level ? json(tr(ctx, "reminders.level_" + std::to_string(o.last_level)) + " · " +
                                          display_datetime(o.last_reminded_at, ctx.locale()).substr(0, 10))
                                   : json(nullptr)},
             {"suggested", o.suggested_level},
             {"suggested_label", tr(ctx, "reminders.level_" + std::to_string(o.suggested_level))},
             {"suggested_class", o.suggested_level == 1 ? "badge-info" : o.suggested_level == 2 ? "badge-warning" : "badge-danger"},
             {"compose_href", "/reminders/" + std::to_string(o.id) + "/email?level=" + std::to_string(o.suggested_level)},
             {"checked", checked}});
        totals[o.bucket].first += 1;
        totals[o.bucket].second += o.remaining;
    }
    json groups = json::array(), summary = json::array();
    for (const char* b : kBuckets) {
        const auto t = totals.count(b) ? totals.at(b) : std::pair<int, Money>{0, Money{}};
        const std::string count_label =
            replaced(tr(ctx, t.first == 1 ? "reminders.invoice_count_one" : "reminders.invoice_count"), "count", t.first);
        summary.push_back({{"label", tr(ctx, std::string("reminders.buckets.") + b)},
                           {"count", t.first},
                           {"count_label", count_label},
                           {"remaining", money(ctx, t.second)},
                           {"bucket", b}});
        if (!rows.count(b)) continue;
        groups.push_back({{"bucket", b},
                          {"label", tr(ctx, std::string("reminders.buckets.") + b)},
                          {"count", t.first},
                          {"count_label", count_label},
                          {"remaining", money(ctx, t.second)},
                          {"rows", rows.at(b)}});
    }
    json results = nullptr;
    if (batch) {
        json items = json::array();
        int sent = 0, failed = 0;
        for (const auto& o : batch->outcomes) {
            const bool ok = o.outcome == "sent";
            sent += ok;
            failed += !ok;
            std::string text = ok ? tr(ctx, "reminders.outcome_sent")
                                  : o.outcome == "pending" ? tr(ctx, "status.pending")
                                                           : failure_message(o.error_code, ctx.locale());
            if (o.outcome == "not_sent") text = tr(ctx, "reminders.outcome_not_sent") + " " + text;
            items.push_back({{"number", batch->numbers.count(o.document_id) ? batch->numbers.at(o.document_id)
                                                                             : "#" + std::to_string(o.document_id)},
                             {"ok", ok},
                             {"text", text},
                             {"href", o.send ? json("/emails/" + std::to_string(o.send->id)) : json(nullptr)}});
        }
        results = {{"items", items},
                   {"all_ok", failed == 0},
                   {"title", result_title(ctx, sent, failed)}};
    }
    json errors = json::array();
    if (failure)
        for (const auto& f : failure->fields) errors.push_back(ctx.locale() == "en" ? f.message_en : f.message_fr);
    json data = {{"groups", groups},
                 {"summary", summary},
                 {"has_invoices", !list->empty()},
                 {"may_send", may_send},
                 {"key", random_token(18)},
                 {"results", results},
                 {"error_summary", failure ? json(ctx.message(*failure)) : json(nullptr)},
                 {"errors", errors}};
    ctx.render_page("mail/reminders", data, tr(ctx, "reminders.title"), "reminders", status);
}

}  // namespace

void register_reminders_page(http::WebServer& web, MailService& service) {
    web.page(Method::Get, "/reminders", [&service](PageContext& ctx) { render_reminders(ctx, service, nullptr, nullptr, {}, 200); });
    // The level chosen for the selection, or "auto": each invoice at its suggested level.
    web.page(Method::Post, "/reminders", [&service](PageContext& ctx) {
        if (!can_send_reminders(ctx.actor())) return ctx.error_page(Error::forbidden());
        std::vector<std::int64_t> ids;
        for (const auto& v : ctx.params("document_ids"))
            if (auto id = http::parse_id(v)) ids.push_back(*id);
        if (ids.empty()) {
            Error e = Error::invalid_field("document_ids", "required", "Cochez au moins une facture à relancer.",
                                           "Tick at least one invoice to remind.");
            return render_reminders(ctx, service, nullptr, &e, ids, 422);
        }
        const std::string level = ctx.param("level");
        const int chosen = level == "1" ? 1 : level == "2" ? 2 : level == "3" ? 3 : 0;
        auto overdue = service.overdue(ctx.actor());
        if (!overdue) return ctx.error_page(overdue.error());
        BatchResult batch;
        std::vector<ReminderTarget> targets;
        for (auto id : ids) {
            int l = chosen;
            for (const auto& o : *overdue)
                if (o.id == id) {
                    batch.numbers[id] = o.number;
                    if (!l) l = o.suggested_level;
                }
            targets.push_back({id, l ? l : 1});
        }
        auto outcomes = service.send_reminders(ctx.actor(), targets, ctx.param("idempotency_key"));
        if (!outcomes) {
            const auto kind = outcomes.error().kind;
            if (kind == ErrorKind::Invalid || kind == ErrorKind::Conflict)
                return render_reminders(ctx, service, nullptr, &outcomes.error(), ids, http::status_for(kind));
            return ctx.error_page(outcomes.error());
        }
        batch.outcomes = std::move(*outcomes);
        render_reminders(ctx, service, &batch, nullptr, {}, 200);
    });
}

}  // namespace comptoir::mail::pages
