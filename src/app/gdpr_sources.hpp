// What the modules gdpr does not depend on hold about clients, described for the GDPR tools
// (export, anonymisation, activity for the prospects' retention rule): plugged in at start-up.
#pragma once

namespace comptoir::gdpr {
class GdprService;
}

namespace comptoir {

void plug_gdpr_sources(gdpr::GdprService& gdpr);

}  // namespace comptoir
