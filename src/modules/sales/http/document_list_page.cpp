// GET /documents: the documents, newest first, by family (tabs: quotes, orders, invoices — with deposit
// and situation invoices —, credit notes, pro forma and provisional invoices), filtered by status,
// client, number and period, with a "next" cursor. An htmx request aimed at the results (the filters
// as they change, the pagination) gets only the results partial.
#include <httplib.h>

#include <algorithm>
#include <tuple>

#include "core/clock.hpp"
#include "core/text/trim.hpp"
#include "modules/sales/http/page_support.hpp"
#include "modules/sales/http/pages_internal.hpp"

namespace comptoir::sales::pages {
namespace {

using http::Method;
using http::PageContext;

constexpr int kPageSize = 25;

struct Family {
    const char* code;
    std::vector<DocumentType> types;
};

const std::vector<Family>& families() {
    static const std::vector<Family> all{
        {"all", {}},
        {"quote", {DocumentType::Quote}},
        {"order", {DocumentType::Order}},
        {"invoice", {DocumentType::Invoice, DocumentType::DepositInvoice, DocumentType::SituationInvoice}},
        {"credit_note", {DocumentType::CreditNote}},
        {"proforma", {DocumentType::ProForma, DocumentType::ProvisionalInvoice}},
    };
    return all;
}

struct ListParams {
    std::string family = "all", status, client, client_id, number, from, to, cursor;
    bool archived = false;

    std::vector<std::pair<std::string, std::string>> base(bool with_status = true) const {
        return {{"type", family == "all" ? "" : family}, {"status", with_status ? status : ""}, {"client", client},
                {"client_id", client_id}, {"number", number}, {"from", from}, {"to", to}, {"archived", archived ? "1" : ""}};
    }
    std::string url(const std::string& cursor_value = "") const {
        auto p = base();
        p.emplace_back("cursor", cursor_value);
        return "/documents" + query_string(p);
    }
    std::string with_client(const std::string& id) const {
        ListParams copy = *this;
        copy.client = "";
        copy.client_id = id;
        return copy.url();
    }
    bool filtered() const {
        return !status.empty() || !client.empty() || !client_id.empty() || !number.empty() || !from.empty() || !to.empty();
    }
};

// The statuses a family's documents go through; every status for "all".
std::vector<DocumentStatus> family_statuses(const Family& f) {
    if (f.types.empty()) return {kAllDocumentStatuses.begin(), kAllDocumentStatuses.end()};
    return statuses_of(f.types.front());
}

json item_json(PageContext& ctx, const Document& d) {
    const bool draft = d.number.empty();
    const std::string day = !d.issue_date.empty() ? d.issue_date : d.created_at.substr(0, 10);
    return {{"url", "/documents/" + std::to_string(d.id)},
            {"number", opt(d.number)},
            {"is_draft", draft},
            {"type_label", type_label(ctx, d.type)},
            {"client_name", d.client_name},
            {"title", opt(d.title)},
            {"date", date(ctx, day)},
            {"date_iso", opt(day)},
            {"is_created_date", d.issue_date.empty()},
            {"due", opt(date(ctx, d.due_date))},
            {"due_iso", opt(d.due_date)},
            {"total_excl", money(ctx, d.total_excl_vat)},
            {"total_incl", money(ctx, d.total_incl_vat)},
            {"status_label", status_label(ctx, d.status, d.type)},
            {"status_class", status_badge_class(d.status)},
            {"archived", d.archived}};
}

}  // namespace

void register_list_page(http::WebServer& web, PageDeps deps) {
    web.page(Method::Get, "/documents", [deps](PageContext& ctx) {
        ListParams p;
        std::vector<std::string> problems;
        storage::DocumentQuery query;
        query.limit = kPageSize;

        const Family* family = &families().front();
        if (auto code = ctx.param("type"); !code.empty()) {
            auto it = std::find_if(families().begin(), families().end(), [&](const Family& f) { return code == f.code; });
            if (it != families().end()) family = &*it;
            else problems.push_back(tr(ctx, "list.bad_type"));
        }
        p.family = family->code;
        query.types = family->types;
        const auto statuses = family_statuses(*family);
        if (auto code = ctx.param("status"); !code.empty()) {
            auto s = parse_document_status(code);
            if (s && std::find(statuses.begin(), statuses.end(), *s) != statuses.end()) {
                query.status = *s;
                p.status = std::string(to_code(*s));
            } else {
                problems.push_back(tr(ctx, "list.bad_status"));
            }
        }
        for (auto [key, target, query_target] : {std::tuple{"from", &p.from, &query.from}, std::tuple{"to", &p.to, &query.to}}) {
            std::string v = trim(ctx.param(key));
            if (v.empty()) continue;
            if (valid_iso_date(v)) *target = *query_target = v;
            else problems.push_back(tr(ctx, "list.bad_date"));
        }
        p.number = trim(ctx.param("number"));
        if (p.number.size() > 40) p.number.resize(40);
        for (auto& c : p.number) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        query.number_prefix = p.number;
        p.archived = query.archived = ctx.param("archived") == "1";

        // The client: an id (a link from a client's card), or a search resolved to one client.
        json client_filter = nullptr, client_choices = json::array();
        bool client_unresolved = false;
        std::string client_missing;
        p.client = trim(ctx.param("client"));
        if (p.client.size() > 200) p.client.resize(200);
        if (auto id = parse_id(ctx.param("client_id"))) {
            p.client_id = std::to_string(*id);
            query.client_id = *id;
            p.client = "";
        } else if (!p.client.empty()) {
            crm::ClientListQuery cq;
            cq.q = p.client;
            cq.limit = 8;
            auto found = deps.clients.list(ctx.actor(), cq);
            if (found && found->items.size() == 1) {
                query.client_id = found->items.front().id;
            } else {
                client_unresolved = true;
                if (found)
                    for (const auto& c : found->items)
                        client_choices.push_back({{"href", p.with_client(std::to_string(c.id))}, {"name", c.display_name},
                                                  {"city", opt(c.city)}});
                if (client_choices.empty()) client_missing = trf(ctx, "list.no_client", {{"q", p.client}});
            }
        }
        if (query.client_id)
            if (auto c = deps.clients.get(ctx.actor(), *query.client_id)) {
                ListParams without = p;
                without.client = without.client_id = "";
                client_filter = {{"name", c->display_name()}, {"clear_url", without.url()}};
            }

        if (auto cursor = ctx.param("cursor"); !cursor.empty()) {
            if (auto id = parse_id(cursor)) {
                query.before_id = *id;
                p.cursor = cursor;
            } else {
                problems.push_back(tr(ctx, "list.bad_cursor"));
            }
        }

        json items = json::array();
        std::optional<std::int64_t> next;
        if (!client_unresolved) {
            auto page = deps.documents.list(ctx.actor(), query);
            if (!page) return ctx.error_page(page.error());
            for (const auto& d : page->items) items.push_back(item_json(ctx, d));
            next = page->next_before_id;
        }
        std::string alert;
        for (const auto& problem : problems) alert += (alert.empty() ? "" : " · ") + problem;
        const std::size_t n = items.size();
        const bool writer = can_write(ctx.actor(), DocumentType::Quote);
        const std::string client_param = query.client_id ? "&client_id=" + std::to_string(*query.client_id) : "";
        json results = {
            {"alert", opt(alert)},
            {"client_filter", client_filter},
            {"client_choices", client_choices},
            {"has_client_choices", !client_choices.empty()},
            {"client_missing", opt(client_missing)},
            {"has_items", n > 0},
            {"items", items},
            {"count_text", std::to_string(n) + " " + tr(ctx, n == 1 ? "list.shown_one" : "list.shown_many")},
            {"next_url", next ? json(p.url(std::to_string(*next))) : json(nullptr)},
            {"first_url", p.cursor.empty() ? json(nullptr) : json(p.url())},
            {"has_pages", next.has_value() || !p.cursor.empty()},
            {"empty_first", n == 0 && !client_unresolved && !p.filtered() && !p.archived && p.cursor.empty() && p.family == "all"},
            {"empty_archived", n == 0 && !client_unresolved && !p.filtered() && p.archived},
            {"empty_search", n == 0 && !client_unresolved && (p.filtered() || p.family != "all" || !p.cursor.empty()) && !p.archived},
            {"can_write", writer},
            {"new_quote_url", "/documents/new?type=quote" + client_param}};

        ctx.response().set_header("Vary", "HX-Request");
        std::string target = ctx.header("HX-Target");
        bool fragment = ctx.is_htmx() && ctx.header("HX-History-Restore-Request") != "true" &&
                        (target.empty() || target == "document-results");
        if (fragment) return ctx.render_fragment("sales/_document_results", results);

        json tabs = json::array();
        for (const auto& f : families()) {
            ListParams tab = p;
            tab.family = f.code;
            tab.status = "";
            auto params = tab.base(false);
            tabs.push_back({{"href", "/documents" + query_string(params)},
                            {"label", tr(ctx, std::string("families.") + f.code)},
                            {"active", family == &f}});
        }
        json status_options = json::array();
        const DocumentType label_type = family->types.empty() ? DocumentType::Quote : family->types.front();
        for (auto s : statuses)
            status_options.push_back({{"value", std::string(to_code(s))},
                                      {"label", status_label(ctx, s, label_type)},
                                      {"selected", p.status == to_code(s)}});
        json data = {{"family", p.family == "all" ? "" : p.family},
                     {"tabs", tabs},
                     {"status_options", status_options},
                     {"client", p.client},
                     {"client_id", opt(p.client_id)},
                     {"number", p.number},
                     {"from", p.from},
                     {"to", p.to},
                     {"archived", p.archived},
                     {"can_write", writer},
                     {"can_invoice", can_write(ctx.actor(), DocumentType::Invoice)},
                     {"new_quote_url", "/documents/new?type=quote" + client_param},
                     {"new_invoice_url", "/documents/new?type=invoice" + client_param},
                     {"flash", ctx.param("done") == "deleted" ? json{{"message", tr(ctx, "page.flash.deleted")}} : json(nullptr)},
                     {"results", results}};
        ctx.render_page("sales/documents_list", data, tr(ctx, "list.title"), "sales", problems.empty() ? 200 : 400);
    });
}

}  // namespace comptoir::sales::pages
