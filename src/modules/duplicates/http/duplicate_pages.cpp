// GET /clients/duplicates: the review folder (groups by status, the scan button); GET
// /clients/duplicates/{id}: one group's members side by side, a choice per field, the survivor, the
// merge and "not duplicates" buttons, and once merged the summary with "Annuler la fusion". Admins only
// (the service refuses others). Forms carry the session's CSRF token like every other page form.
#include "modules/duplicates/http/duplicate_pages.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/contact/phone.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/duplicates/model/merge.hpp"

namespace comptoir::duplicates {
namespace {

using http::Method;
using http::opt;
using http::PageContext;
using http::when;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("duplicates." + key); }

std::string reason_label(const PageContext& ctx, const std::string& reason) {
    auto label = tr(ctx, "reasons." + reason);
    return label.rfind("duplicates.", 0) == 0 ? reason : label;
}

std::string score_class(int score) {
    if (score >= 90) return "badge-danger";
    if (score >= 70) return "badge-warning";
    return "badge-muted";
}

json member_view(const PageContext& ctx, const Member& m) {
    std::vector<std::string> keys;
    if (!m.siret.empty()) keys.push_back("SIRET " + m.siret);
    if (!m.email.empty()) keys.push_back(m.email);
    if (!m.phone.empty()) keys.push_back(format_phone(m.phone));
    std::string town = m.postal_code + (m.postal_code.empty() || m.city.empty() ? "" : " ") + m.city;
    if (!town.empty()) keys.push_back(town);
    std::string detail;
    for (const auto& k : keys) detail += (detail.empty() ? "" : " · ") + k;
    return {{"id", m.client_id},
            {"name", m.display_name.empty() ? "#" + std::to_string(m.client_id) : m.display_name},
            {"detail", opt(detail)},
            {"created", when(m.created_at, ctx.locale()).substr(0, 10)},
            {"archived", m.archived}};
}

void list_page(PageContext& ctx, DuplicateService& s) {
    std::string status = ctx.param("status");
    if (status != "dismissed" && status != "merged") status = "open";
    auto page = s.list(ctx.actor(), status, ctx.param("cursor"), 25);
    if (!page) return ctx.error_page(page.error());
    auto last = s.last_scan(ctx.actor());
    if (!last) return ctx.error_page(last.error());
    json groups = json::array();
    for (const auto& g : page->items) {
        json members = json::array();
        for (const auto& m : g.members) members.push_back(member_view(ctx, m));
        groups.push_back({{"id", g.id},
                          {"reason", reason_label(ctx, g.reason)},
                          {"score", g.score},
                          {"score_class", score_class(g.score)},
                          {"members", members},
                          {"count", g.members.size()},
                          {"decided", opt(when(g.decided_at, ctx.locale()))}});
    }
    json tabs = json::array();
    for (std::string s_code : {"open", "dismissed", "merged"})
        tabs.push_back({{"href", "/clients/duplicates?status=" + s_code},
                        {"label", tr(ctx, "status." + s_code)},
                        {"current", s_code == status}});
    json scan = nullptr;
    if (*last) {
        const auto& l = **last;
        scan = {{"when", when(l.finished_at, ctx.locale())},
                {"clients", l.clients},
                {"open", l.groups_open},
                {"new", l.groups_new},
                {"seconds", std::to_string(l.duration_ms / 1000) + "," + std::to_string(l.duration_ms % 1000 / 100)}};
    }
    json flash = nullptr;
    if (const std::string done = ctx.param("done"); done == "scanned" || done == "dismissed")
        flash = tr(ctx, "done." + done);
    json data = {{"groups", groups},
                 {"has_groups", !groups.empty()},
                 {"tabs", tabs},
                 {"status", status},
                 {"is_open", status == "open"},
                 {"empty_text", tr(ctx, "empty." + status)},
                 {"scan", scan},
                 {"flash", flash},
                 {"next", page->next_cursor ? json("/clients/duplicates?status=" + status + "&cursor=" +
                                                   http::url_encode(*page->next_cursor))
                                            : json(nullptr)}};
    ctx.render_page("duplicates/list", data, tr(ctx, "title"), "clients");
}

// The comparison form; `error` after a refused merge, `posted` the choices then sent.
void group_page(PageContext& ctx, DuplicateService& s, crm::ClientService& clients, std::int64_t id,
                const Error* error, const std::map<std::string, std::string>& posted, int status_code) {
    auto found = s.compare(ctx.actor(), id);
    if (!found) return ctx.error_page(found.error());
    const auto& g = found->group;
    const auto& cards = found->cards;
    std::map<std::int64_t, std::string> category_names;
    if (auto cats = clients.categories(ctx.actor()))
        for (const auto& c : *cats) category_names[c.id] = c.name;

    std::int64_t survivor = cards.empty() ? 0 : cards.front().id;
    // A posted card that is not in the group (a tampered form) leaves the first one kept, so the page
    // always shows a choice.
    if (auto it = posted.find("survivor_id"); it != posted.end())
        if (auto p = http::parse_id(it->second))
            if (std::any_of(cards.begin(), cards.end(), [&](const auto& c) { return c.id == *p; })) survivor = *p;
    json members = json::array();
    for (const auto& c : cards)
        members.push_back({{"id", c.id},
                           {"name", c.display_name()},
                           {"survivor", c.id == survivor},
                           {"contacts", c.contacts.size()},
                           {"merged", c.merged_into_id.has_value()},
                           {"archived", c.archived}});
    json rows = json::array();
    for (const auto& f : merge_fields()) {
        const std::string code = f.code;
        std::vector<std::string> texts;
        for (const auto& c : cards) {
            std::string text = field_text(code, c);
            if (code == "kind" || code == "status") text = tr(ctx, "values." + text);
            if (code == "phone" && !text.empty()) text = format_phone(text);
            if (code == "payment_terms") text = crm::pages::payment_terms_label(text, ctx.locale());
            if (code == "payment_method") text = crm::pages::payment_method_label(text, ctx.locale());
            if (code == "categories") {
                text.clear();
                for (auto cat : c.category_ids)
                    if (auto n = category_names.find(cat); n != category_names.end())
                        text += (text.empty() ? "" : ", ") + n->second;
            }
            texts.push_back(text);
        }
        const bool same = std::set<std::string>(texts.begin(), texts.end()).size() <= 1;
        if (same && texts.front().empty()) continue;  // empty everywhere: nothing to choose or show
        std::int64_t chosen = default_choice(code, cards, survivor);
        if (auto it = posted.find("field_" + code); it != posted.end())
            if (auto p = http::parse_id(it->second)) chosen = *p;
        json cells = json::array();
        for (std::size_t i = 0; i < cards.size(); ++i)
            cells.push_back({{"member", cards[i].id},
                             {"text", opt(texts[i])},
                             {"checked", cards[i].id == chosen},
                             {"input_id", "f-" + code + "-" + std::to_string(cards[i].id)}});
        rows.push_back({{"code", code},
                        {"label", ctx.locale() == "en" ? f.label_en : f.label_fr},
                        {"choose", !same && code != "categories"},
                        {"union", code == "categories" && !same},
                        {"cells", cells}});
    }
    json merge = nullptr;
    // The merge that closed the group; once undone, the page is the comparison again (the flash says so).
    if (found->merge && found->merge->status == "done") {
        const auto& m = *found->merge;
        std::int64_t moved_total = 0;
        for (const auto& mv : m.moved) moved_total += mv.whole ? 1 : static_cast<std::int64_t>(mv.ids.size());
        merge = {{"id", m.id},
                 {"survivor_id", m.survivor_id},
                 {"survivor_name", m.survivor_name},
                 {"absorbed_count", m.absorbed.size()},
                 {"moved", moved_total},
                 {"when", when(m.merged_at, ctx.locale())},
                 {"done", m.status == "done"},
                 {"undone_when", opt(when(m.undone_at, ctx.locale()))}};
    }
    json errors = json::array();
    if (error) {
        if (error->fields.empty()) errors.push_back(ctx.message(*error));
        for (const auto& f : error->fields) errors.push_back(ctx.locale() == "en" ? f.message_en : f.message_fr);
    }
    json flash = nullptr;
    if (const std::string done = ctx.param("done"); done == "merged" || done == "undone") flash = tr(ctx, "done." + done);
    json data = {{"id", g.id},
                 {"reason", reason_label(ctx, g.reason)},
                 {"score", g.score},
                 {"score_class", score_class(g.score)},
                 {"status_label", tr(ctx, "status." + g.status)},
                 {"is_open", g.status == "open"},
                 {"is_merged", g.status == "merged"},
                 {"is_dismissed", g.status == "dismissed"},
                 {"decided", opt(when(g.decided_at, ctx.locale()))},
                 {"evidence", g.evidence},
                 {"has_evidence", !g.evidence.empty()},
                 {"members", members},
                 {"rows", rows},
                 {"merge", merge},
                 {"flash", flash},
                 {"errors", errors},
                 {"has_errors", !errors.empty()}};
    ctx.render_page("duplicates/group", data, tr(ctx, "group_title") + " · " + reason_label(ctx, g.reason), "clients",
                    status_code);
}

}  // namespace

void register_duplicate_pages(http::WebServer& web, DuplicateService& s, crm::ClientService& clients) {
    web.page(Method::Get, "/clients/duplicates", [&s](PageContext& ctx) { list_page(ctx, s); });

    web.page(Method::Post, "/clients/duplicates/scan", [&s](PageContext& ctx) {
        auto done = s.scan(ctx.actor());
        if (!done) return ctx.error_page(done.error());
        ctx.redirect("/clients/duplicates?done=scanned");
    });

    web.page(Method::Get, R"(/clients/duplicates/(\d+))", [&s, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        group_page(ctx, s, clients, *id, nullptr, {}, 200);
    });

    // Fields survivor_id and field_<code> = the member whose value survives.
    web.page(Method::Post, R"(/clients/duplicates/(\d+)/merge)", [&s, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        std::map<std::string, std::string> posted{{"survivor_id", ctx.param("survivor_id")}};
        std::map<std::string, std::int64_t> choices;
        std::vector<FieldIssue> issues;
        for (const auto& f : merge_fields()) {
            const std::string value = ctx.param(std::string("field_") + f.code);
            if (value.empty()) continue;
            posted[std::string("field_") + f.code] = value;
            if (auto member = http::parse_id(value)) choices[f.code] = *member;
            else issues.push_back({std::string("fields.") + f.code, "type", "Choix invalide.", "Invalid choice."});
        }
        auto survivor = http::parse_id(ctx.param("survivor_id"));
        if (!survivor)
            issues.push_back({"survivor_id", "required", "Choisissez la fiche conservée.", "Choose the card to keep."});
        if (!issues.empty()) {
            Error e = Error::invalid(issues);
            return group_page(ctx, s, clients, *id, &e, posted, 422);
        }
        auto merged = s.merge(ctx.actor(), *id, *survivor, choices);
        if (merged) return ctx.redirect("/clients/duplicates/" + std::to_string(*id) + "?done=merged");
        if (merged.error().kind != ErrorKind::Invalid && merged.error().kind != ErrorKind::Conflict)
            return ctx.error_page(merged.error());
        group_page(ctx, s, clients, *id, &merged.error(), posted,
                   merged.error().kind == ErrorKind::Invalid ? 422 : 409);
    });

    web.page(Method::Post, R"(/clients/duplicates/(\d+)/dismiss)", [&s, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto done = s.dismiss(ctx.actor(), *id);
        if (done) return ctx.redirect("/clients/duplicates?done=dismissed");
        if (done.error().kind != ErrorKind::Conflict) return ctx.error_page(done.error());
        group_page(ctx, s, clients, *id, &done.error(), {}, 409);
    });

    web.page(Method::Post, R"(/clients/duplicates/merges/(\d+)/undo)", [&s, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto m = s.get_merge(ctx.actor(), *id);
        if (!m) return ctx.error_page(m.error());
        auto undone = s.undo_merge(ctx.actor(), *id);
        if (undone) return ctx.redirect("/clients/duplicates/" + std::to_string(m->group_id) + "?done=undone");
        if (undone.error().kind != ErrorKind::Conflict) return ctx.error_page(undone.error());
        group_page(ctx, s, clients, m->group_id, &undone.error(), {}, 409);
    });
}

}  // namespace comptoir::duplicates
