#pragma once

// The programme's standing activities beside engagements: long-term
// agreements, events (with 对接会 schedules), mentorships and studios. One
// object so that the server, the CLI and the tests wire them in one line;
// each part is its own service with its own header.

#include "core/clock.h"
#include "services/agreement_service.h"
#include "services/event_service.h"
#include "services/mentorship_service.h"
#include "services/studio_service.h"
#include "storage/store.h"

namespace craftlink::services {

// Borrows `store` and `clock`, which must outlive it. Thread-safe.
class ProgrammeService {
 public:
  ProgrammeService(storage::Store& store, const Clock& clock)
      : agreements(store, clock), events(store, clock), mentorships(store, clock), studios(store, clock) {}

  AgreementService agreements;
  EventService events;
  MentorshipService mentorships;
  StudioService studios;
};

}  // namespace craftlink::services
