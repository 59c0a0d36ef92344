import { OutreachHistory, useOutreachSchemas } from './testing';

/** seed 004: variant_a/b_template_id — "Foreign Key: message_templates(id) (if table exists)"; here it does. */
describe('campaigns: variant template columns', () => {
  const schemas = useOutreachSchemas();

  it('variant_a_template_id and variant_b_template_id reference message_templates(id)', async () => {
    const pool = schemas.pool();
    const { schema } = await schemas.projectionIn('or_fk');
    const { rows } = await pool.query(
      `SELECT a.attname AS column, f.relname AS referenced
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_class f ON f.oid = c.confrelid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND n.nspname = $1 AND t.relname = 'campaigns' AND a.attname LIKE 'variant_%'
        ORDER BY 1`,
      [schema],
    );
    expect(rows).toEqual([
      { column: 'variant_a_template_id', referenced: 'message_templates' },
      { column: 'variant_b_template_id', referenced: 'message_templates' },
    ]);
  });

  it('an A/B campaign naming the org’s templates is projected; a template id that exists nowhere is refused by the table', async () => {
    const pool = schemas.pool();
    const { schema, runner } = await schemas.projectionIn('or_fk');
    const history = new OutreachHistory().organization('Template Org');
    const owner = history.user('admin');
    const [a, b] = [history.template('email'), history.template('email')];
    const campaignId = history.createCampaign(owner, { name: 'AB', isAbTest: true, variantATemplateId: a, variantBTemplateId: b });
    await runner.applyBatch(history.envelopes);
    const { rows } = await pool.query(`SELECT variant_a_template_id, variant_b_template_id FROM ${schema}.campaigns WHERE id = $1`, [campaignId]);
    expect(rows).toEqual([{ variant_a_template_id: a, variant_b_template_id: b }]);
    await expect(
      pool.query(`UPDATE ${schema}.campaigns SET variant_a_template_id = '00000000-0000-4000-8000-000000000000' WHERE id = $1`, [campaignId]),
    ).rejects.toThrow(/foreign key/);
  });
});
