/** One row of a picker (SearchPicker): what is stored, what is shown, and a second line. */
export interface PickOption {
  value: string;
  text: string;
  label?: string;
}
