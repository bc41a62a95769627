// A real Tracker API v5 client, pivotaljs 1.0.3 (npm; MIT; github.com/dijs/pivotaljs), pointed at the archive by
// changing its base URL: lists what a team's script would read and prints one JSON summary for RealClientTest.
// Usage: node client.js BASE_URL TOKEN PROJECT_ID
const Pivotal = require('pivotaljs');
const [base, token, projectId] = process.argv.slice(2);
const pt = new Pivotal(token);
pt.baseUrl = base.endsWith('/') ? base : base + '/';

const out = {};
const fail = (what, e) => { console.error(what + ': ' + JSON.stringify(e)); process.exit(2); };

pt.getProjects((err, projects) => {
  if (err || !Array.isArray(projects)) return fail('projects', err || projects);
  out.projects = projects.map(p => p.id);
  const stories = [];
  pt.getStories(projectId, {}, (page, pagination, next) => { stories.push(...page); out.total = pagination.total; next(); }, (e) => {
    if (e) return fail('stories', e);
    out.stories = stories.map(s => s.id);
    out.accepted = stories.filter(s => s.current_state === 'accepted').length;
    pt.api('get', `projects/${projectId}/epics`, {}, (e2, epics) => {
      if (e2 || !Array.isArray(epics)) return fail('epics', e2 || epics);
      out.epics = epics.length;
      pt.getLabels(projectId, (e3, labels) => {
        if (e3 || !Array.isArray(labels)) return fail('labels', e3 || labels);
        out.labels = labels.map(l => l.name);
        pt.getMemberships(projectId, (e4, members) => {
          if (e4 || !Array.isArray(members)) return fail('memberships', e4 || members);
          out.members = members.map(m => m.person.name);
          const withComments = stories.map(s => s.id);
          pt.getStory(withComments[0], (e5, story) => {
            if (e5 || !story || story.kind !== 'story') return fail('story', e5 || story);
            out.story = { id: story.id, name: story.name };
            const iterations = [];
            pt.getIterations(projectId, { scope: 'done' }, (page, p, next) => { iterations.push(...page); next(); }, (e6) => {
              if (e6) return fail('iterations', e6);
              out.doneIterations = iterations.length;
              console.log(JSON.stringify(out));
            }, 0, 20);
          });
        });
      });
    });
  }, 0, 128);
});
