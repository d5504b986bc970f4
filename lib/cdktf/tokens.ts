/**
 * How cdktf encodes a list token: a one-element list holding a string with this marker. Such a string
 * cannot be embedded in another string (synth fails with "Found an encoded list token string in a scalar
 * string context").
 * @internal
 */
export const LIST_TOKEN = /#\{TfToken\[/;
