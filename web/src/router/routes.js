// Every page is its own chunk (dynamic import), so a role downloads only
// the pages it opens. meta.roles lists who may open a page; meta.title is an
// i18n key; meta.public pages need no session.
const STAFF = ['admin', 'staff']

export const routes = [
  { path: '/login', name: 'login', component: () => import('../pages/LoginPage.vue'), meta: { public: true, title: 'login.title', bare: true } },
  { path: '/', name: 'home', component: { render: () => null } },
  { path: '/workbench', name: 'workbench', component: () => import('../pages/WorkbenchPage.vue'), meta: { roles: STAFF, title: 'workbench.title' } },
  // Every role's home (its panel is chosen by role inside the page); '/' leads here.
  { path: '/home', name: 'role-home', component: () => import('../pages/home/HomePage.vue'), meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'home.title' } },
  { path: '/dispatch', name: 'dispatch', component: () => import('../pages/dispatch/BatchDispatchPage.vue'), meta: { roles: STAFF, title: 'batch.title' } },
  { path: '/needs', name: 'needs', component: () => import('../pages/needs/NeedsInboxPage.vue'), meta: { roles: STAFF, title: 'nav.needs' } },
  { path: '/needs/similar', name: 'similar-needs', component: () => import('../pages/needs/SimilarNeedsPage.vue'), meta: { roles: STAFF, title: 'matching.similar' } },
  // Enterprises open their own needs here too; the API answers 404 for others'.
  { path: '/needs/:id', name: 'need', component: () => import('../pages/needs/NeedPage.vue'), props: true, meta: { roles: [...STAFF, 'enterprise'], title: 'needs.facts' } },
  { path: '/craftsmen', name: 'craftsmen', component: () => import('../pages/craftsmen/CraftsmenPoolPage.vue'), meta: { roles: STAFF, title: 'nav.craftsmen' } },
  { path: '/craftsmen/:id', name: 'craftsman', component: () => import('../pages/craftsmen/CraftsmanProfilePage.vue'), props: true, meta: { roles: STAFF, title: 'craftsmen.profile' } },
  { path: '/results', name: 'results', component: () => import('../pages/results/ResultsLibraryPage.vue'), meta: { roles: STAFF, title: 'nav.results' } },
  { path: '/results/:id', name: 'result', component: () => import('../pages/results/ResultPage.vue'), props: true, meta: { roles: STAFF, title: 'results.detail' } },
  { path: '/enterprises', name: 'enterprises', component: () => import('../pages/enterprises/EnterprisesPage.vue'), meta: { roles: STAFF, title: 'nav.enterprises' } },
  { path: '/import', name: 'import', component: () => import('../pages/import/ImportPage.vue'), meta: { roles: STAFF, title: 'imports.title' } },
  { path: '/organisations', name: 'organisations', component: () => import('../pages/organisations/OrganisationsPage.vue'), meta: { roles: STAFF, title: 'nav.organisations' } },
  { path: '/admin/users', name: 'users', component: () => import('../pages/admin/UsersPage.vue'), meta: { roles: ['admin'], title: 'nav.users' } },
  { path: '/admin/audit', name: 'audit', component: () => import('../pages/admin/AuditLogPage.vue'), meta: { roles: ['admin'], title: 'nav.audit' } },
  { path: '/my/needs', name: 'my-needs', component: () => import('../pages/enterprise/MyNeedsPage.vue'), meta: { roles: ['enterprise'], title: 'nav.myNeeds' } },
  { path: '/my/needs/new', name: 'post-need', component: () => import('../pages/enterprise/PostNeedPage.vue'), meta: { roles: ['enterprise'], title: 'nav.postNeed' } },
  { path: '/dashboard', name: 'dashboard', component: () => import('../pages/dashboard/DashboardPage.vue'), meta: { roles: STAFF, title: 'dashboard.title' } },
  { path: '/engagements', name: 'engagements', component: () => import('../pages/engagements/EngagementsBoardPage.vue'), meta: { roles: STAFF, title: 'engagements.boardTitle' } },
  // Everyone in an engagement opens it here; the API answers 404 for others.
  { path: '/engagements/:id', name: 'engagement', component: () => import('../pages/engagements/EngagementPage.vue'), props: true, meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'engagements.detailTitle' } },
  { path: '/my/engagements', name: 'my-engagements', component: () => import('../pages/craftsman/MyEngagementsPage.vue'), meta: { roles: ['craftsman'], title: 'nav.myEngagements' } },
  { path: '/my/engagements/:id/visit', name: 'log-visit', component: () => import('../pages/craftsman/LogVisitPage.vue'), props: true, meta: { roles: ['craftsman'], title: 'engagements.visit.title' } },
  { path: '/my/profile', name: 'my-profile', component: () => import('../pages/craftsman/MyProfilePage.vue'), meta: { roles: ['craftsman'], title: 'nav.myProfile' } },
  // Events: staff run them; enterprises and craftsmen read their lineage's and register (the API decides).
  { path: '/events', name: 'events', component: () => import('../pages/events/EventsPage.vue'), meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'events.title' } },
  { path: '/events/:id', name: 'event', component: () => import('../pages/events/EventPage.vue'), props: true, meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'events.title' } },
  { path: '/events/:id/agenda', name: 'event-agenda', component: () => import('../pages/events/AgendaPrintPage.vue'), props: true, meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'events.print', bare: true } },
  // 长期协议: staff list and sign; enterprises and craftsmen read their own (the API decides which).
  { path: '/agreements', name: 'agreements', component: () => import('../pages/agreements/AgreementsPage.vue'), meta: { roles: STAFF, title: 'agreements.title' } },
  { path: '/agreements/:id', name: 'agreement', component: () => import('../pages/agreements/AgreementPage.vue'), props: true, meta: { roles: [...STAFF, 'enterprise', 'craftsman'], title: 'agreements.detailTitle' } },
  { path: '/my/agreements', name: 'my-agreements', component: () => import('../pages/agreements/MyAgreementsPage.vue'), meta: { roles: ['enterprise', 'craftsman'], title: 'agreements.myTitle' } },
  // 师徒结对: staff see their scope and pair; craftsmen their own pairs.
  { path: '/mentorships', name: 'mentorships', component: () => import('../pages/mentorships/MentorshipsPage.vue'), meta: { roles: [...STAFF, 'craftsman'], title: 'mentorships.title' } },
  { path: '/mentorships/:id', name: 'mentorship', component: () => import('../pages/mentorships/MentorshipPage.vue'), props: true, meta: { roles: [...STAFF, 'craftsman'], title: 'mentorships.detailTitle' } },
  { path: '/studios', name: 'studios', component: () => import('../pages/studios/StudiosPage.vue'), meta: { roles: STAFF, title: 'studios.title' } },
  // Members open their studio from an agreement too; the API answers 404 for others.
  { path: '/studios/:id', name: 'studio', component: () => import('../pages/studios/StudioPage.vue'), props: true, meta: { roles: [...STAFF, 'craftsman'], title: 'studios.detailTitle' } },
  { path: '/forbidden', name: 'forbidden', component: () => import('../pages/ForbiddenPage.vue'), meta: { title: 'errors.forbiddenTitle' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../pages/NotFoundPage.vue'), meta: { title: 'errors.notFoundTitle' } },
]

// The nav entries per role, in order.
export const NAV = {
  admin: ['role-home', 'workbench', 'dashboard', 'engagements', 'events', 'agreements', 'mentorships', 'studios', 'needs', 'dispatch', 'craftsmen', 'results', 'enterprises', 'organisations', 'import', 'users', 'audit'],
  staff: ['role-home', 'dashboard', 'needs', 'dispatch', 'engagements', 'events', 'agreements', 'mentorships', 'studios', 'craftsmen', 'results', 'enterprises', 'organisations', 'import'],
  enterprise: ['role-home', 'my-needs', 'post-need', 'my-agreements', 'events'],
  craftsman: ['role-home', 'my-engagements', 'my-profile', 'my-agreements', 'mentorships', 'events'],
}
export const NAV_LABELS = {
  'role-home': 'home.nav',
  workbench: 'nav.workbench',
  dispatch: 'batch.nav',
  dashboard: 'nav.dashboard',
  engagements: 'nav.engagements',
  events: 'events.nav',
  agreements: 'agreements.nav',
  'my-agreements': 'agreements.myNav',
  mentorships: 'mentorships.nav',
  studios: 'studios.nav',
  'my-engagements': 'nav.myEngagements',
  needs: 'nav.needs',
  craftsmen: 'nav.craftsmen',
  results: 'nav.results',
  enterprises: 'nav.enterprises',
  organisations: 'nav.organisations',
  import: 'nav.imports',
  users: 'nav.users',
  audit: 'nav.audit',
  'my-needs': 'nav.myNeeds',
  'post-need': 'nav.postNeed',
  'my-profile': 'nav.myProfile',
}
