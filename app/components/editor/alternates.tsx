// A series' further texts for one channel, used in turn: each date takes the next one.
import { useI18n } from "~/i18n/use-i18n";

type Props = { index: number; channelName: string; texts: string[]; onChange: (texts: string[]) => void };

export function Alternates({ index, channelName, texts, onChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="alternates">
      <legend>{t.series.alternatesLabel(channelName)}</legend>
      <p className="muted">{t.series.alternatesHint}</p>
      {texts.map((text, k) => (
        <label key={k}>
          {t.series.alternate(k + 1)}
          <textarea
            name={`variants[${index}].alternates[${k}]`}
            rows={3}
            value={text}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange(texts.map((old, n) => (n === k ? value : old)));
            }}
          />
        </label>
      ))}
      <button type="button" className="link" onClick={() => onChange([...texts, ""])}>
        {t.series.addAlternate}
      </button>
    </fieldset>
  );
}
