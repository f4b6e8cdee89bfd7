# The machine's cue-based strength moves to ``stated_strength``; ``strength`` becomes a stored
# generated column: a measure with no cue is a stated commitment, and a curator's change of
# kind is followed by the database itself.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0011_gazetteer'),
    ]

    operations = [
        migrations.RenameField(model_name='measure', old_name='strength', new_name='stated_strength'),
        migrations.AlterField(
            model_name='measure',
            name='stated_strength',
            field=models.CharField(blank=True, choices=[('binding', '约束性'), ('commitment', '承诺'), ('encouragement', '鼓励'), ('target', '目标')], editable=False, max_length=15, verbose_name='力度标记'),
        ),
        migrations.AlterField(
            model_name='measure',
            name='strength_cue',
            field=models.CharField(blank=True, editable=False, max_length=30, verbose_name='力度依据'),
        ),
        migrations.AddField(
            model_name='measure',
            name='strength',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(is_measure=True, stated_strength='', then=models.Value('commitment')), default=models.F('stated_strength')), output_field=models.CharField(max_length=15), verbose_name='力度'),
        ),
        migrations.AddIndex(
            model_name='measure',
            index=models.Index(fields=['strength'], name='measure_strength'),
        ),
    ]
