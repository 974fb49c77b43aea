import { createEngine } from 'zhengdi-rules';

const engine = createEngine();
const decision = engine.eligibility({
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
  applicants: [{ id: 'A1', sex: 'female', birthDate: '2007-05-10', basis: 'member', collectiveMember: true, holdsContractRight: true }],
});
console.log(decision.outcome.applicants); // [ { id: 'A1', eligible: true, failed: [] } ]
for (const r of decision.reasons) console.log(r.holds ? '✓' : '✗', r.citation.article, r.message.en);
