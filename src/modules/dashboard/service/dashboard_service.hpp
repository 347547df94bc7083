// The dashboard's one use case: the company's figures over a period (invoiced and collected per
// month, receivables today by age, top clients, open quotes). Every role of the company reads them:
// they are its own figures; nothing else is ever read, every query being scoped by the actor's company.
#pragma once

#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/dashboard/model/dashboard.hpp"
#include "store/database.hpp"

namespace comptoir::dashboard {

struct PeriodRequest {
    std::string preset;  // "", "last_12_months", "this_year", "last_year", "custom"
    std::string from, to;
};

class DashboardService {
public:
    explicit DashboardService(store::Database& db) : db_(db) {}

    // The figures for the period (resolve_period's rules and field-named errors), as of today in Paris.
    Result<Dashboard> figures(const Actor& actor, const PeriodRequest& request);
    // The same with "today" given (tests, and a later "as of" view).
    Result<Dashboard> figures(const Actor& actor, const PeriodRequest& request, const std::string& today);

private:
    store::Database& db_;
};

}  // namespace comptoir::dashboard
