// The standard library: it compiles clean, and an entity extends its operations with no
// abstract operation of its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileEdl, standardLibrary } from './compile.ts';

describe('the standard library', () => {
  it('compiles without a diagnostic', () => {
    assert.deepEqual(compileEdl(standardLibrary(), { standard: false }).diagnostics, []);
  });

  it('gives CRUD operations to an entity, its paths by the domain naming, its views or the library views', () => {
    const text = `entity TrainingPlan { primarykey int64 id attributes { string name } view Full { exclude attributes { name } } }
domain Rest { naming entity { method dashesLowercase }
  entity TrainingPlan { interface Plans {
    operation GetPlan extends GetById { }
    operation ListPlans extends GetObjects { config { defaultLimit = 5 } }
    operation CreatePlan extends Create { }
    operation UpdatePlan extends Update { }
    operation DeletePlan extends Delete { }
  } } }`;
    const c = compileEdl({ path: 'plans.edl', text });
    assert.deepEqual(c.diagnostics, []);
    assert.deepEqual(
      c.program.operations.map((o) => `${o.method} ${o.path} ${o.success} ${JSON.stringify(o.responseBody?.type ?? null)}`),
      [
        'GET /training-plan/{id} 200 {"kind":"object","name":"TrainingPlanFull"}',
        'GET /training-plan 200 {"kind":"array","items":{"kind":"object","name":"TrainingPlanFull"}}',
        'POST /training-plan 201 {"kind":"object","name":"TrainingPlanFull"}',
        'PUT /training-plan/{id} 200 {"kind":"object","name":"TrainingPlanFull"}',
        'DELETE /training-plan/{id} 204 null',
      ],
    );
    assert.deepEqual(
      c.program.types.get('TrainingPlanFull')?.fields.map((f) => f.name),
      ['id'],
    );
    assert.deepEqual(
      c.program.types.get('TrainingPlanCreate')?.fields.map((f) => f.name),
      ['name'],
    );
    assert.equal(c.program.operations[1].params[0].default, 5);
  });
});
